package io.eventbus.core.problem;

/** HTTP 403, code {@code Forbidden}. */
public final class Forbidden extends EventbusException {

    public Forbidden(String detail) {
        super(403, "Forbidden", detail, null);
    }
}
