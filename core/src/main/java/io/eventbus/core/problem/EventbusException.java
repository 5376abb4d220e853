package io.eventbus.core.problem;

/**
 * The base of every error Eventbus answers on purpose. Each subclass is one HTTP status and one stable
 * {@code code}; {@link ProblemResponses} turns it into an RFC 9457 problem. The detail must tell a person what
 * to do; {@code location} says where in the request the problem is (a JSON path such as
 * {@code targets[0].retryPolicy.maximumRetryAttempts}, or {@code path: bus}), when there is such a place.
 */
public abstract class EventbusException extends RuntimeException {

    private final int status;
    private final String code;
    private final String location;

    protected EventbusException(int status, String code, String detail, String location) {
        super(detail);
        this.status = status;
        this.code = code;
        this.location = location;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    /** Where in the request the problem is, or {@code null}. */
    public String location() {
        return location;
    }
}
