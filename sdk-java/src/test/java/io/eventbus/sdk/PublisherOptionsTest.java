package io.eventbus.sdk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link PublisherOptions}' defaults and checks, and the retry backoff. */
class PublisherOptionsTest {

    @Test
    void defaults() {
        PublisherOptions options = PublisherOptions.DEFAULTS;

        assertThat(options.maxBatchSize()).isEqualTo(100);
        assertThat(options.linger()).isEqualTo(Duration.ofMillis(5));
        assertThat(options.bufferCapacity()).isEqualTo(10_000);
        assertThat(options.whenFull()).isEqualTo(PublisherOptions.WhenFull.BLOCK);
        assertThat(options.maxAttempts()).isEqualTo(10);
        assertThat(options.maxInFlight()).isEqualTo(8);
    }

    @Test
    void refusesSettingsThatMakeNoSense() {
        assertThatThrownBy(() -> PublisherOptions.builder().maxBatchSize(101).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBatchSize must be from 1 to 100");
        assertThatThrownBy(() -> PublisherOptions.builder().maxBatchSize(0).build())
                .hasMessageContaining("maxBatchSize");
        assertThatThrownBy(() -> PublisherOptions.builder().bufferCapacity(99).build())
                .hasMessageContaining("bufferCapacity must hold at least one batch (100 events)");
        assertThatThrownBy(() -> PublisherOptions.builder().maxAttempts(0).build()).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> PublisherOptions.builder().maxInFlight(0).build()).hasMessageContaining("maxInFlight");
        assertThatThrownBy(() -> PublisherOptions.builder().linger(Duration.ofMillis(-1)).build())
                .hasMessageContaining("linger must not be negative");
        assertThatThrownBy(() -> PublisherOptions.builder().backoff(Duration.ZERO, Duration.ofSeconds(1)).build())
                .hasMessageContaining("initialBackoff must be positive");
        assertThatThrownBy(() -> PublisherOptions.builder().backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))
                .build()).hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> PublisherOptions.builder().whenFull(null).build()).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest(name = "retry {0}, random {1}: {2} ms")
    @CsvSource({
            // retry, random, wait: from half of min(100 ms x 2^(retry-1), 1 s) to all of it
            "1, 0.0,   50",
            "1, 0.5,   75",
            "1, 0.999, 99",
            "2, 0.0,  100",
            "3, 0.0,  200",
            "4, 0.999, 799",
            "5, 0.0,  500",
            "5, 0.5,  750",
            "40, 0.0, 500",
            "40, 0.999, 999"})
    void backoffDoublesUpToTheMaximumWithJitter(int retry, double random, long millis) {
        Duration wait = RetryBackoff.before(retry, Duration.ofMillis(100), Duration.ofSeconds(1), random);

        assertThat(wait.toMillis()).isEqualTo(millis);
    }
}
