package io.eventbus.core.problem;

/** HTTP 400, code {@code ValidationError} (or a more precise code): the request is wrong at {@code location}. */
public class ValidationError extends EventbusException {

    public ValidationError(String location, String detail) {
        this("ValidationError", location, detail);
    }

    protected ValidationError(String code, String location, String detail) {
        super(400, code, detail, location);
    }
}
