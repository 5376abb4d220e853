package io.eventbus.core.problem;

/** HTTP 412, code {@code PreconditionFailed}. */
public final class PreconditionFailed extends EventbusException {

    public PreconditionFailed(String detail) {
        super(412, "PreconditionFailed", detail, null);
    }
}
