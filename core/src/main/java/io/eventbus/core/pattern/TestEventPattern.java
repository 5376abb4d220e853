package io.eventbus.core.pattern;

import java.util.Objects;

/**
 * EventBridge's TestEventPattern: does this one event match this one pattern? The event is checked first as AWS
 * checks it ({@link InvalidEvent}), then matched by event-ruler with array-consistent matching (fields from
 * different elements of one array never combine).
 *
 * <p>Thread-safe: holds no state, and matching only reads the pattern's compiled machine.
 */
public final class TestEventPattern {

    private TestEventPattern() {
    }

    /**
     * @param pattern   a valid pattern
     * @param eventJson the event as sent: a JSON object with {@code id}, {@code account}, {@code source},
     *                  {@code time}, {@code region} and {@code detail-type}
     * @return whether the event matches
     * @throws InvalidEvent if the event is not a JSON object or lacks an envelope field
     */
    public static boolean matches(EventPattern pattern, String eventJson) {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(eventJson, "eventJson");
        EventEnvelope.check(eventJson);
        try {
            return !pattern.machine().rulesForJSONEvent(eventJson).isEmpty();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // Only reachable if event-ruler's reader refuses what Jackson accepted above.
            throw new InvalidEvent("The event could not be read: " + PatternCompiler.reasonOf(e.getMessage()));
        }
    }
}
