package io.eventbus.data.deliver;

import io.eventbus.core.setting.Require;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Delivery settings ({@code eventbus.delivery.*}, e.g. {@code EVENTBUS_DELIVERY_MAX_IN_FLIGHT}). Whether
 * deliveries may reach internal addresses ({@code allow-private-networks}) is the egress client's setting.
 *
 * @param maxInFlight          attempts under way at once in this process (default 256)
 * @param claimBatch           deliveries claimed per poll (default 100)
 * @param lease                how long a claimed delivery is this process' before another may rescue it (60 s)
 * @param idlePoll             how often an idle poller looks for due retries and other replicas' work (1 s);
 *                             new events wake it at once
 * @param circuitOpenFor       how long a target's open circuit breaker holds deliveries back before a probe (30 s)
 * @param maxBusHops           buses an event may be forwarded through by bus targets (5); one more forward is
 *                             refused as {@code LOOP_DETECTED} and dead-lettered
 */
@Context
@ConfigurationProperties(DeliverySettings.PREFIX)
public record DeliverySettings(
        @Bindable(defaultValue = "256") int maxInFlight,
        @Bindable(defaultValue = "100") int claimBatch,
        @Bindable(defaultValue = "60s") Duration lease,
        @Bindable(defaultValue = "1s") Duration idlePoll,
        @Bindable(defaultValue = "30s") Duration circuitOpenFor,
        @Bindable(defaultValue = "5") int maxBusHops) {

    public static final String PREFIX = "eventbus.delivery";

    public DeliverySettings {
        Require.between(PREFIX + ".max-in-flight", maxInFlight, 1, 100_000);
        Require.between(PREFIX + ".claim-batch", claimBatch, 1, 10_000);
        Require.atLeast(PREFIX + ".lease", lease, Duration.ofSeconds(1));
        Require.atLeast(PREFIX + ".idle-poll", idlePoll, Duration.ofMillis(1));
        Require.atLeast(PREFIX + ".circuit-open-for", circuitOpenFor, Duration.ofMillis(1));
        Require.between(PREFIX + ".max-bus-hops", maxBusHops, 1, 100);
    }
}
