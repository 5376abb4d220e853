package io.eventbus.data.deliver.kafka;

import io.eventbus.core.setting.Require;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Settings of the producers and admin clients of Kafka targets ({@code eventbus.delivery.kafka.*}, e.g.
 * {@code EVENTBUS_DELIVERY_KAFKA_DELIVERY_TIMEOUT}). They bound how long one attempt can take: at most
 * {@code max-block} waiting for the topic's metadata, or {@code delivery-timeout} for the acknowledgement, then
 * {@code topic-check-timeout} to ask whether the topic exists; keep that well below {@code eventbus.delivery.lease}.
 *
 * @param linger            how long a record waits for others to the same partition ({@code linger.ms}, 5 ms)
 * @param maxBlock          how long a send waits for the topic's metadata or for buffer room ({@code max.block.ms},
 *                          5 s): a topic that does not exist, or brokers that do not answer, cost this long
 * @param requestTimeout    how long the producer waits for a broker's answer to one request
 *                          ({@code request.timeout.ms}, 10 s)
 * @param deliveryTimeout   how long a record may take from the send to its acknowledgement, the producer's own
 *                          retries included ({@code delivery.timeout.ms}, 15 s; at least linger + request timeout)
 * @param topicCheckTimeout how long the admin client may take to say whether the topic exists after a send timed
 *                          out (3 s)
 * @param closeTimeout      how long closing the clients at shutdown may take in all (5 s)
 */
@Context
@ConfigurationProperties(KafkaSettings.PREFIX)
record KafkaSettings(
        @Bindable(defaultValue = "5ms") Duration linger,
        @Bindable(defaultValue = "5s") Duration maxBlock,
        @Bindable(defaultValue = "10s") Duration requestTimeout,
        @Bindable(defaultValue = "15s") Duration deliveryTimeout,
        @Bindable(defaultValue = "3s") Duration topicCheckTimeout,
        @Bindable(defaultValue = "5s") Duration closeTimeout) {

    static final String PREFIX = "eventbus.delivery.kafka";

    KafkaSettings {
        Require.atLeast(PREFIX + ".linger", linger, Duration.ZERO);
        Require.atLeast(PREFIX + ".max-block", maxBlock, Duration.ofMillis(100));
        Require.atLeast(PREFIX + ".request-timeout", requestTimeout, Duration.ofMillis(100));
        // the producer refuses a delivery timeout shorter than linger + request timeout; say so at start-up
        Require.atLeast(PREFIX + ".delivery-timeout", deliveryTimeout, linger.plus(requestTimeout));
        Require.atLeast(PREFIX + ".topic-check-timeout", topicCheckTimeout, Duration.ofMillis(100));
        Require.atLeast(PREFIX + ".close-timeout", closeTimeout, Duration.ZERO);
    }
}
