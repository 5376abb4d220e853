package io.eventbus.core.problem;

/** HTTP 404, code {@code NotFound}. */
public final class NotFound extends EventbusException {

    public NotFound(String detail) {
        super(404, "NotFound", detail, null);
    }
}
