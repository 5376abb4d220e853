package io.eventbus.data.outbox;

import io.eventbus.core.delivery.DeliveryState;

import java.time.Instant;

/**
 * The end of one claimed attempt, to record.
 *
 * @param next          {@code DELIVERED}, {@code DEAD_LETTERED} or {@code RETRYABLE}
 * @param nextAttemptAt when a {@code RETRYABLE} delivery is due again, else null
 * @param lastError     {@code CODE: message} of a failed attempt, else null
 * @param message       put on its queue exactly when the outcome is recorded (a queue target's delivery, or a dead
 *                      letter), or null
 * @param log           kept in the attempt log, or null
 */
public record Outcome(String worker, ClaimedDelivery claimed, DeliveryState next, Instant nextAttemptAt,
                      String lastError, QueueMessage message, AttemptLog log) {

    public Outcome {
        if (next == DeliveryState.RUNNING || next == DeliveryState.AVAILABLE) {
            throw new IllegalArgumentException("an attempt ends DELIVERED, RETRYABLE or DEAD_LETTERED, not " + next);
        }
    }
}
