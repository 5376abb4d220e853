package io.eventbus.core.pattern;

import io.eventbus.core.problem.ValidationError;
import java.util.Objects;

/**
 * An event that test-event-pattern refuses, as AWS does with {@code Parameter Event is not valid.}: it is not a
 * JSON object, or it lacks one of the envelope fields {@code id}, {@code account}, {@code source}, {@code time},
 * {@code region}, {@code detail-type}. {@link #reason()} says which. Immutable, thread-safe.
 */
public final class InvalidEvent extends ValidationError {

    private static final long serialVersionUID = 1L;

    /** AWS's message for every rejected event. */
    public static final String AWS_MESSAGE = "Parameter Event is not valid.";

    private final String detail;

    InvalidEvent(String detail) {
        super("InvalidEvent", "event", AWS_MESSAGE + " " + detail);
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    /** What is wrong with the event, e.g. {@code The event lacks the field(s) id, time.} */
    public String reason() {
        return detail;
    }
}
