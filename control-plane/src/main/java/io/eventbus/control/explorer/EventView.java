package io.eventbus.control.explorer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One event as the explorer shows it: the envelope, the rules it matched, and every delivery with its attempts.
 *
 * @param replayName    the replay that stored this copy of the event; null for the event as it was put
 * @param schemaProblem why the event's schema refused its detail, when its bus only warns of that
 *                      ({@code schemaValidation} WARN); absent when it was not checked or passed
 * @param deliveries    the deliveries of this row only: a replayed copy has its own
 * @param replays       of the event as it was put, the copies replays stored of it, oldest first (each one's
 *                      {@code ingestedAt} is its {@code ?at=}); absent for a copy
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventView(UUID id, String bus, Instant ingestedAt,
                        @JsonInclude(JsonInclude.Include.ALWAYS) String replayName, JsonNode event,
                        String schemaProblem, List<String> matchedRules, List<Delivery> deliveries,
                        List<ReplayedCopy> replays) {

    /** A copy of the event that a replay stored. */
    public record ReplayedCopy(String replayName, Instant ingestedAt) {
    }

    /**
     * One delivery of the event.
     *
     * @param targetType  the kind of its target ({@code webhook}, {@code queue}, ...); absent when the rule or target
     *                    was deleted since
     * @param attempts    attempts made so far
     * @param maxAttempts the attempts its target's retry policy allows (1 + maximumRetryAttempts); absent when the
     *                    rule or target was deleted since
     * @param heldBy      of an {@code AVAILABLE} delivery given back unattempted, why it waits until
     *                    {@code nextAttemptAt}: {@code CIRCUIT_OPEN} or {@code RATE_LIMITED}
     *                    ({@link io.eventbus.core.delivery.DeliveryHold}); absent otherwise
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivery(UUID id, String rule, String target, String targetType, String state, int attempts,
                           Integer maxAttempts,
                           Instant nextAttemptAt, String heldBy, String lastError, List<Attempt> attemptLog) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(int attempt, Instant at, Integer status, long latencyMillis, String error, String response) {
    }
}
