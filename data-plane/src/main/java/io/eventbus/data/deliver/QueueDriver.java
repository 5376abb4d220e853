package io.eventbus.data.deliver;

import io.eventbus.core.role.DataRole;
import io.eventbus.core.target.QueueConfig;
import io.eventbus.core.target.TargetType;
import io.eventbus.data.outbox.AttemptLog;
import io.eventbus.data.outbox.QueueMessage;
import io.eventbus.data.retry.DeliveryOutcome;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Puts a delivery on a built-in queue: nothing is sent; the message is written by the outbox in the transaction
 * that records the delivery as delivered ({@link Sent#onSuccess}), so it is on the queue exactly when the delivery
 * is done. Not guarded: only the database can fail it, and then the outcome is not recorded and the lease expires.
 */
@Singleton
@DataRole
class QueueDriver implements TargetDriver<QueueConfig> {

    private static final AttemptLog NOTHING_SENT = new AttemptLog(null, 0, null, null);

    @Override
    public TargetType<QueueConfig> type() {
        return QueueConfig.TYPE;
    }

    @Override
    public CompletableFuture<Sent> send(Attempt attempt, QueueConfig config) {
        return CompletableFuture.completedFuture(new Sent(DeliveryOutcome.delivered(200), NOTHING_SENT,
                new QueueMessage(config.name(), attempt.body(), Map.of())));
    }

    @Override
    public boolean guarded() {
        return false;
    }
}
