package io.eventbus.data.replay;

import io.eventbus.core.setting.Require;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Replays in this data plane ({@code eventbus.replay.*}, e.g. {@code EVENTBUS_REPLAY_CONCURRENCY}).
 *
 * @param enabled      whether this process runs replays at all (default true)
 * @param concurrency  replays this process runs at once (default 2); more wait, or run on other replicas
 * @param pageSize     archived events read and stored per transaction at most (default 500)
 * @param pagesInFlight pages of one replay whose deliveries are under way at once (default 4): a page is stored once
 *                     its deliveries' first attempts have ended, oldest first
 * @param lease        how long a replay is this process' without a sign of life before another may resume it (30 s)
 * @param pollInterval how often an idle process looks for replays to run (1 s); a new replay's announcement wakes it
 * @param defaultRateLimit events per second of a replay that sets no {@code rateLimitPerSecond} (1,500); 0: as fast
 *                     as the delivery workers' spare room allows. A replay at full speed takes the CPU that live
 *                     traffic needs on a small machine (docs/performance.md, "Replays"), so the default is a rate
 *                     that kept live latency on 2 cores.
 */
@Context
@ConfigurationProperties(ReplaySettings.PREFIX)
public record ReplaySettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "2") int concurrency,
        @Bindable(defaultValue = "500") int pageSize,
        @Bindable(defaultValue = "4") int pagesInFlight,
        @Bindable(defaultValue = "30s") Duration lease,
        @Bindable(defaultValue = "1s") Duration pollInterval,
        @Bindable(defaultValue = "1500") int defaultRateLimit) {

    public static final String PREFIX = "eventbus.replay";

    public ReplaySettings {
        Require.between(PREFIX + ".concurrency", concurrency, 0, 64);
        Require.between(PREFIX + ".page-size", pageSize, 1, 100_000);
        Require.between(PREFIX + ".pages-in-flight", pagesInFlight, 1, 1_000);
        Require.atLeast(PREFIX + ".lease", lease, Duration.ofSeconds(1));
        Require.atLeast(PREFIX + ".poll-interval", pollInterval, Duration.ofMillis(1));
        Require.between(PREFIX + ".default-rate-limit", defaultRateLimit, 0, 1_000_000);
    }
}
