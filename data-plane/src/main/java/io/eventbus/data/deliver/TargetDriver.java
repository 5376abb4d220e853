package io.eventbus.data.deliver;

import io.eventbus.core.target.TargetConfig;
import io.eventbus.core.target.TargetType;

import java.util.concurrent.CompletableFuture;

/**
 * Sends one attempt of a delivery to one kind of target and says how it went; a new kind of target is a new
 * driver (a bean) and its {@link TargetType}, and nothing else in the event path changes (docs/adr/0018). Retries,
 * the circuit breaker, the rate limit and dead-lettering are around every driver ({@link DeliverClaimed}), not in
 * it. Implementations are thread-safe and never block the calling thread on I/O.
 *
 * @param <C> the kind's typed configuration, read once per target loaded
 */
public interface TargetDriver<C extends TargetConfig> {

    /** The kind this driver sends to, and how its configuration is read. */
    TargetType<C> type();

    /**
     * Sends {@code attempt} to the target configured by {@code config}. The future never fails: whatever went
     * wrong is its outcome.
     */
    CompletableFuture<Sent> send(Attempt attempt, C config);

    /**
     * Whether the target's circuit breaker and rate limit apply: true for a target reached over a network; false
     * for one this process writes itself (a queue), which fails only with the database.
     */
    default boolean guarded() {
        return true;
    }
}
