package io.eventbus.core.problem;

/** HTTP 401, code {@code Unauthorized}. */
public final class Unauthorized extends EventbusException {

    public Unauthorized(String detail) {
        super(401, "Unauthorized", detail, null);
    }
}
