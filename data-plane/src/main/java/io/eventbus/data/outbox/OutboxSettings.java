package io.eventbus.data.outbox;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Group commit of the PostgreSQL outbox ({@code eventbus.outbox.*}).
 *
 * @param writers        threads that write, each with its own transaction (default 2)
 * @param maxBatchEvents events in one transaction at most (default 2,000)
 * @param maxPending     requests waiting to be written; more are refused with 503 (default 10,000)
 */
@ConfigurationProperties("eventbus.outbox")
public record OutboxSettings(
        @Bindable(defaultValue = "2") int writers,
        @Bindable(defaultValue = "2000") int maxBatchEvents,
        @Bindable(defaultValue = "10000") int maxPending) {
}
