package io.eventbus.data.queue;

import io.eventbus.core.setting.Require;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Settings of the queue consumer API ({@code eventbus.queue.*}, e.g. {@code EVENTBUS_QUEUE_MAX_LONG_POLLS}).
 *
 * @param maxLongPolls    receives waiting for messages at once in this process (default 1,000); one more is
 *                        refused with 503 {@code Unavailable}
 * @param pollInterval    how often waiting receives look for messages that this process did not send: sent by
 *                        other processes, put there by deliveries, or visible again after their visibility
 *                        timeout or delay (default 250 ms; one query per interval for all waiting receives)
 * @param maxMessageBytes bytes of a message's body and attributes, in UTF-8 (default 262,144: SQS's 256 KiB)
 */
@ConfigurationProperties(QueueSettings.PREFIX)
public record QueueSettings(
        @Bindable(defaultValue = "1000") int maxLongPolls,
        @Bindable(defaultValue = "250ms") Duration pollInterval,
        @Bindable(defaultValue = "262144") int maxMessageBytes) {

    public static final String PREFIX = "eventbus.queue";

    public QueueSettings {
        Require.atLeast(PREFIX + ".max-long-polls", maxLongPolls, 0);
        Require.atLeast(PREFIX + ".max-message-bytes", maxMessageBytes, 1);
        Require.atLeast(PREFIX + ".poll-interval", pollInterval, Duration.ofMillis(1));
    }
}
