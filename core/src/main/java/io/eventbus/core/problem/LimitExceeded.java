package io.eventbus.core.problem;

/** HTTP 409, code {@code LimitExceeded}: a configured limit (rules per bus, ...) would be exceeded. */
public final class LimitExceeded extends EventbusException {

    public LimitExceeded(String location, String detail) {
        super(409, "LimitExceeded", detail, location);
    }
}
