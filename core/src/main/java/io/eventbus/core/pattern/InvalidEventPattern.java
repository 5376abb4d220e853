package io.eventbus.core.pattern;

import io.eventbus.core.problem.ValidationError;
import java.util.Objects;

/**
 * An event pattern that EventBridge would refuse (its {@code InvalidEventPatternException}). Immutable,
 * thread-safe.
 *
 * <p>{@link #reason()} is AWS's own wording (event-ruler's, for a pattern that does not compile; Jackson's, for
 * text that is not JSON), so clients that compare messages with AWS's keep working. {@link #location()} says where
 * the problem is, which AWS does not: a path of field names such as {@code detail.total} (with {@code $or[1]} for
 * the second branch of an {@code $or}), {@code $} for the pattern as a whole, or {@code line 3, column 7} when the
 * text is not JSON.
 */
public final class InvalidEventPattern extends ValidationError {

    private static final long serialVersionUID = 1L;

    /** The location of a problem with the pattern as a whole. */
    public static final String WHOLE_PATTERN = "$";

    private final String reason;
    private final String location;

    InvalidEventPattern(String reason, String location) {
        super("InvalidEventPattern", location, "Event pattern is not valid. Reason: " + reason + " (at " + location + ")");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.location = Objects.requireNonNull(location, "location");
    }

    /** Why the pattern is invalid, in AWS's words, e.g. {@code Value of < must be numeric}. */
    public String reason() {
        return reason;
    }

    /** Where the problem is: {@code detail.total}, {@code $}, or {@code line 3, column 7}. */
    @Override
    public String location() {
        return location;
    }
}
