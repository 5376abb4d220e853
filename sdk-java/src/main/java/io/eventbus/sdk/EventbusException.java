package io.eventbus.sdk;

/**
 * A request Eventbus refused or could not answer. A refusal carries the server's problem: its HTTP {@link #status()},
 * its {@link #code()} (such as {@code ValidationError}, {@code NotFound}, {@code Unauthorized}), the
 * {@link #detail()} that says what is wrong, and the {@link #location()} of the field it is about. A request that
 * got no answer (the connection failed, or the timeout passed) has status 0 and code {@code ConnectionFailed}.
 */
public class EventbusException extends RuntimeException {

    /** The code of a request that got no answer. */
    public static final String CONNECTION_FAILED = "ConnectionFailed";

    private final int status;
    private final String code;
    private final String detail;
    private final String location;

    public EventbusException(int status, String code, String detail, String location) {
        this(status, code, detail, location, null);
    }

    public EventbusException(int status, String code, String detail, String location, Throwable cause) {
        super(message(status, code, detail, location), cause);
        this.status = status;
        this.code = code;
        this.detail = detail;
        this.location = location;
    }

    /** The HTTP status of the answer; 0 when there was none. */
    public int status() {
        return status;
    }

    /** The server's problem code, e.g. {@code ValidationError}; {@link #CONNECTION_FAILED} without an answer. */
    public String code() {
        return code;
    }

    /** What is wrong, in the server's words. */
    public String detail() {
        return detail;
    }

    /** The field the problem is about (e.g. {@code entries[0].detail}), or null. */
    public String location() {
        return location;
    }

    /**
     * Whether the same request may succeed when sent again: no answer, 429 (too many requests), 503 and the other
     * 5xx answers. A request that puts events is safe to repeat only with idempotency keys.
     */
    public boolean isRetryable() {
        return status == 0 || status == 429 || status >= 500;
    }

    private static String message(int status, String code, String detail, String location) {
        String where = location == null ? "" : " (at " + location + ")";
        return (status == 0 ? code : status + " " + code) + ": " + detail + where;
    }
}
