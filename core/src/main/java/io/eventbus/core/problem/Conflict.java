package io.eventbus.core.problem;

/** HTTP 409, code {@code Conflict}. */
public final class Conflict extends EventbusException {

    public Conflict(String detail) {
        super(409, "Conflict", detail, null);
    }
}
