package io.eventbus.data.queue;

import io.eventbus.core.startup.StartupFailure;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bad setting stops the start with one line that names the variable the operator set. */
class QueueSettingsTest {

    @Test
    void badSettingsNameTheirEnvironmentVariable() {
        assertThatThrownBy(() -> new QueueSettings(-1, Duration.ofMillis(250), 1))
                .isInstanceOf(StartupFailure.class).hasMessage("EVENTBUS_QUEUE_MAX_LONG_POLLS must be 0 or more, not -1");
        assertThatThrownBy(() -> new QueueSettings(1, Duration.ofMillis(250), 0))
                .isInstanceOf(StartupFailure.class).hasMessageStartingWith("EVENTBUS_QUEUE_MAX_MESSAGE_BYTES must");
        assertThatThrownBy(() -> new QueueSettings(1, Duration.ZERO, 1))
                .isInstanceOf(StartupFailure.class).hasMessageStartingWith("EVENTBUS_QUEUE_POLL_INTERVAL must");
    }
}
