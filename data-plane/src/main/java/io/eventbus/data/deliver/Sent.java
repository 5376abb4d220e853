package io.eventbus.data.deliver;

import io.eventbus.data.outbox.AttemptLog;
import io.eventbus.data.outbox.QueueMessage;
import io.eventbus.data.retry.DeliveryOutcome;

/**
 * How one attempt went, as its {@link TargetDriver} tells it.
 *
 * @param log       what it looked like, for the event explorer
 * @param onSuccess a message the outbox puts on its queue exactly when it records the delivery as delivered (a
 *                  queue target's delivery), or null
 */
public record Sent(DeliveryOutcome outcome, AttemptLog log, QueueMessage onSuccess) {

    /** An attempt that ended without a message to put on a queue. */
    public static Sent of(DeliveryOutcome outcome, AttemptLog log) {
        return new Sent(outcome, log, null);
    }

    /** An attempt that failed before anything was sent. */
    public static Sent failed(DeliveryOutcome outcome, long latencyMillis) {
        return new Sent(outcome, new AttemptLog(null, latencyMillis, outcome.error(), null), null);
    }
}
