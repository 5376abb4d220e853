package io.eventbus.core.problem;

/** HTTP 503, code {@code Unavailable}: overloaded or a dependency is down; the client should retry later. */
public final class Unavailable extends EventbusException {

    public Unavailable(String detail) {
        super(503, "Unavailable", detail, null);
    }
}
