package io.eventbus.data.outbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An accepted event and the deliveries its matched rules ask for, to be stored together.
 *
 * @param idempotencyKey null when the producer gave none
 * @param schemaProblem  why the event's schema refused its detail, on a bus that warns rather than refuses; null
 *                       when it was not checked or passed
 * @param archives       the ids of the archives that keep the event (stored in its transaction); empty for none
 */
public record NewEvent(UUID id, long busId, Instant ingestedAt, Instant eventTime, String source, String detailType,
                       String envelope, String idempotencyKey, List<NewDelivery> deliveries, String schemaProblem,
                       List<Long> archives) {

    /** One delivery: the event to one target of one rule. */
    public record NewDelivery(UUID id, String ruleName, String targetId) {
    }
}
