package io.eventbus.data.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.core.target.TargetConfig;

import java.util.concurrent.CompletableFuture;

/**
 * A target as loaded: its driver and its configuration, read once ({@link TargetDrivers#configure}).
 */
record ConfiguredTarget<C extends TargetConfig>(TargetDriver<C> driver, C config) {

    /** Reads {@code stored} with {@code driver}'s type; throws its {@code ValidationError} when it cannot. */
    static <C extends TargetConfig> ConfiguredTarget<C> read(TargetDriver<C> driver, JsonNode stored) {
        return new ConfiguredTarget<>(driver, driver.type().parse(stored));
    }

    CompletableFuture<Sent> send(Attempt attempt) {
        return driver.send(attempt, config);
    }

    boolean guarded() {
        return driver.guarded();
    }

    Integer rateLimitPerSecond() {
        return config.rateLimitPerSecond();
    }
}
