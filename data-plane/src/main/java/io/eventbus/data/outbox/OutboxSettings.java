package io.eventbus.data.outbox;

import io.eventbus.core.setting.Require;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Group commit of the PostgreSQL outbox ({@code eventbus.outbox.*}).
 *
 * @param writers        threads that write, each with its own transaction (default 2)
 * @param maxBatchEvents events in one transaction at most (default 2,000)
 * @param maxPending     requests waiting to be written; more are refused with 503 (default 10,000)
 */
@Context
@ConfigurationProperties(OutboxSettings.PREFIX)
public record OutboxSettings(
        @Bindable(defaultValue = "2") int writers,
        @Bindable(defaultValue = "2000") int maxBatchEvents,
        @Bindable(defaultValue = "10000") int maxPending) {

    public static final String PREFIX = "eventbus.outbox";

    public OutboxSettings {
        Require.between(PREFIX + ".writers", writers, 1, 64);
        Require.between(PREFIX + ".max-batch-events", maxBatchEvents, 1, 100_000);
        Require.between(PREFIX + ".max-pending", maxPending, 1, 10_000_000);
    }
}
