package io.eventbus.data.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery a worker holds a lease on, with what it needs to attempt it.
 *
 * @param attempt  the number of this attempt (1 for the first); the outcome is recorded only with this number
 * @param envelope the event as delivered when it is at hand without reading it (a hand-off), else null
 */
public record ClaimedDelivery(UUID id, UUID eventId, Instant eventIngestedAt, long busId, String ruleName,
                              String targetId, int attempt, Instant leaseExpiresAt, String envelope) {

    /** Names the delivery's target: its bus, rule and target id. */
    public String targetKey() {
        return busId + "\u0000" + ruleName + "\u0000" + targetId;
    }
}
