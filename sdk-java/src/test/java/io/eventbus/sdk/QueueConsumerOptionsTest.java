package io.eventbus.sdk;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueueConsumerOptionsTest {

    @Test
    void defaults() {
        QueueConsumerOptions options = QueueConsumerOptions.defaults();

        assertThat(options.concurrency()).isEqualTo(4);
        assertThat(options.maxMessagesPerReceive()).isEqualTo(10);
        assertThat(options.waitTime()).isEqualTo(Duration.ofSeconds(20));
        assertThat(options.visibilityTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.extendBefore()).as("a third of the visibility timeout").isEqualTo(Duration.ofSeconds(10));
        assertThat(options.failedMessageDelay()).as("left until its visibility timeout runs out").isNull();
        assertThat(options.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(QueueConsumerOptions.builder().visibilityTimeout(Duration.ofMinutes(3)).build().extendBefore())
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void valuesOutOfRangeAreRefusedWithTheirName() {
        assertThatThrownBy(() -> QueueConsumerOptions.builder().concurrency(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("concurrency must be 1 to 1000");
        assertThatThrownBy(() -> QueueConsumerOptions.builder().maxMessagesPerReceive(11).build())
                .hasMessageContaining("maxMessagesPerReceive must be 1 to 10");
        assertThatThrownBy(() -> QueueConsumerOptions.builder().waitTime(Duration.ofSeconds(21)).build())
                .hasMessageContaining("waitTime must be whole seconds from 0 to 20");
        assertThatThrownBy(() -> QueueConsumerOptions.builder().waitTime(Duration.ofMillis(1500)).build())
                .hasMessageContaining("waitTime must be whole seconds");
        assertThatThrownBy(() -> QueueConsumerOptions.builder().visibilityTimeout(Duration.ZERO).build())
                .hasMessageContaining("visibilityTimeout must be whole seconds from 1 to 43200");
        assertThatThrownBy(() -> QueueConsumerOptions.builder().visibilityTimeout(Duration.ofSeconds(10))
                .extendBefore(Duration.ofSeconds(10)).build())
                .hasMessageContaining("extendBefore must be more than 0 and less than the visibility timeout");
        assertThatThrownBy(() -> QueueConsumerOptions.builder().extendBefore(Duration.ZERO).build())
                .hasMessageContaining("extendBefore must be more than 0");
        assertThatThrownBy(() -> QueueConsumerOptions.builder().failedMessageDelay(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("failedMessageDelay must be whole seconds from 0 to 43200");
        assertThatThrownBy(() -> QueueConsumerOptions.builder().shutdownTimeout(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("shutdownTimeout must not be negative");
    }

    @Test
    void aConsumerStartsOnceAndNotAfterClose() {
        Eventbus client = Eventbus.builder().endpoint(java.net.URI.create("http://127.0.0.1:9")).apiKey("eb_key_x").build();
        QueueConsumer never = client.queueConsumer("q-never", message -> { });
        never.close();
        never.close();
        assertThatThrownBy(never::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> client.queueConsumer("not a name", message -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
