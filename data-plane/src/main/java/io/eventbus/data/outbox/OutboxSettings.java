package io.eventbus.data.outbox;

import io.eventbus.core.setting.Require;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Group commit of the PostgreSQL outbox ({@code eventbus.outbox.*}).
 *
 * @param writers        threads that write, each with its own transaction (default 2)
 * @param maxBatchEvents events in one transaction at most (default 2,000)
 * @param maxPending     requests waiting to be written; more are refused with 503 (default 10,000)
 * @param linger         how long a writer may wait after a request for more to share its transaction, while
 *                       requests keep arriving more often than that (default 1 ms; 0: never wait). A request that
 *                       arrives alone is written at once (ADR 0004)
 * @param outcomeLinger  how long the writer of attempts' outcomes waits after one for more to share its
 *                       transaction (default 20 ms): outcomes wait on nobody, but for queue messages and while
 *                       the workers are short of room, which are written at once (ADR 0008)
 */
@Context
@ConfigurationProperties(OutboxSettings.PREFIX)
public record OutboxSettings(
        @Bindable(defaultValue = "2") int writers,
        @Bindable(defaultValue = "2000") int maxBatchEvents,
        @Bindable(defaultValue = "10000") int maxPending,
        @Bindable(defaultValue = "1ms") Duration linger,
        @Bindable(defaultValue = "20ms") Duration outcomeLinger) {

    public static final String PREFIX = "eventbus.outbox";

    public OutboxSettings {
        Require.between(PREFIX + ".writers", writers, 1, 64);
        Require.between(PREFIX + ".max-batch-events", maxBatchEvents, 1, 100_000);
        Require.between(PREFIX + ".max-pending", maxPending, 1, 10_000_000);
        Require.between(PREFIX + ".linger", linger, Duration.ZERO, Duration.ofSeconds(1));
        Require.between(PREFIX + ".outcome-linger", outcomeLinger, Duration.ZERO, Duration.ofSeconds(1));
    }
}
