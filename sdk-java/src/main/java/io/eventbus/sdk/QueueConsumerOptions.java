package io.eventbus.sdk;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link QueueConsumer} receives and handles messages. Immutable; build with {@link #builder()}, which checks
 * every value when it builds:
 *
 * <pre>{@code
 * QueueConsumerOptions options = QueueConsumerOptions.builder()
 *         .concurrency(8)
 *         .visibilityTimeout(Duration.ofMinutes(2))
 *         .build();
 * }</pre>
 */
public final class QueueConsumerOptions {

    /** The queue API's limit of messages per receive. */
    public static final int MAX_MESSAGES_PER_RECEIVE = 10;
    /** The queue API's longest long poll. */
    public static final Duration MAX_WAIT_TIME = Duration.ofSeconds(20);
    /** The queue API's longest visibility timeout: 12 hours. */
    public static final Duration MAX_VISIBILITY_TIMEOUT = Duration.ofHours(12);

    private static final QueueConsumerOptions DEFAULTS = builder().build();

    private final int concurrency;
    private final int maxMessagesPerReceive;
    private final Duration waitTime;
    private final Duration visibilityTimeout;
    private final Duration extendBefore;
    private final Duration failedMessageDelay;
    private final Duration shutdownTimeout;

    private QueueConsumerOptions(Builder b) {
        this.concurrency = b.concurrency;
        this.maxMessagesPerReceive = b.maxMessagesPerReceive;
        this.waitTime = b.waitTime;
        this.visibilityTimeout = b.visibilityTimeout;
        this.extendBefore = b.extendBefore != null ? b.extendBefore : b.visibilityTimeout.dividedBy(3);
        this.failedMessageDelay = b.failedMessageDelay;
        this.shutdownTimeout = b.shutdownTimeout;
    }

    /** The defaults: 4 handler threads, 10 messages per receive, 20 s long polls, 30 s visibility. */
    public static QueueConsumerOptions defaults() {
        return DEFAULTS;
    }

    /** A builder that starts from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Handler threads: messages handled at once, and the most messages received and not yet done. */
    public int concurrency() {
        return concurrency;
    }

    /** The most messages one receive asks for; fewer when fewer handler threads are free. */
    public int maxMessagesPerReceive() {
        return maxMessagesPerReceive;
    }

    /** How long a receive waits for messages when there are none (long polling). */
    public Duration waitTime() {
        return waitTime;
    }

    /** How long a received message stays hidden from other receives, and what each extension adds. */
    public Duration visibilityTimeout() {
        return visibilityTimeout;
    }

    /** How long before the visibility timeout runs out the consumer extends it for a handler still running. */
    public Duration extendBefore() {
        return extendBefore;
    }

    /**
     * How long a message whose handler threw stays hidden before it can be received again; null (the default):
     * until its visibility timeout runs out.
     */
    public Duration failedMessageDelay() {
        return failedMessageDelay;
    }

    /** How long {@link QueueConsumer#close()} waits for running handlers. */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** Builds {@link QueueConsumerOptions}; every value has a default. Not thread-safe. */
    public static final class Builder {

        private int concurrency = 4;
        private int maxMessagesPerReceive = MAX_MESSAGES_PER_RECEIVE;
        private Duration waitTime = MAX_WAIT_TIME;
        private Duration visibilityTimeout = Duration.ofSeconds(30);
        private Duration extendBefore;
        private Duration failedMessageDelay;
        private Duration shutdownTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** Handler threads, 1 to 1,000 (default 4). */
        public Builder concurrency(int concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        /** Messages per receive, 1 to {@value #MAX_MESSAGES_PER_RECEIVE} (default 10). */
        public Builder maxMessagesPerReceive(int maxMessagesPerReceive) {
            this.maxMessagesPerReceive = maxMessagesPerReceive;
            return this;
        }

        /** The long poll's wait, whole seconds from 0 to 20 (default 20 s: fewest requests on an idle queue). */
        public Builder waitTime(Duration waitTime) {
            this.waitTime = waitTime;
            return this;
        }

        /**
         * How long a received message is hidden from other receives, whole seconds from 1 s to 12 h (default 30 s).
         * A handler that runs longer keeps its message hidden: the consumer extends the timeout while it runs.
         */
        public Builder visibilityTimeout(Duration visibilityTimeout) {
            this.visibilityTimeout = visibilityTimeout;
            return this;
        }

        /**
         * How long before the visibility timeout runs out to extend it, more than 0 and less than the visibility
         * timeout (default: a third of it). More leaves room for a slow answer.
         */
        public Builder extendBefore(Duration extendBefore) {
            this.extendBefore = extendBefore;
            return this;
        }

        /**
         * When a handler throws, make its message visible again after this long, whole seconds up to 12 h
         * ({@code Duration.ZERO}: at once). Not set (the default): it comes back when its visibility timeout runs
         * out, which spaces out retries of a message that keeps failing.
         */
        public Builder failedMessageDelay(Duration failedMessageDelay) {
            this.failedMessageDelay = failedMessageDelay;
            return this;
        }

        /**
         * How long {@link QueueConsumer#close()} waits for running handlers to finish (default 30 s); the messages of
         * handlers still running then are received again after their visibility timeout.
         */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
            return this;
        }

        /** @throws IllegalArgumentException naming the first value out of range */
        public QueueConsumerOptions build() {
            if (concurrency < 1 || concurrency > 1000) {
                throw new IllegalArgumentException("concurrency must be 1 to 1000, not " + concurrency);
            }
            if (maxMessagesPerReceive < 1 || maxMessagesPerReceive > MAX_MESSAGES_PER_RECEIVE) {
                throw new IllegalArgumentException("maxMessagesPerReceive must be 1 to " + MAX_MESSAGES_PER_RECEIVE
                        + ", not " + maxMessagesPerReceive);
            }
            wholeSeconds("waitTime", waitTime, Duration.ZERO, MAX_WAIT_TIME);
            wholeSeconds("visibilityTimeout", visibilityTimeout, Duration.ofSeconds(1), MAX_VISIBILITY_TIMEOUT);
            if (extendBefore != null && (extendBefore.isNegative() || extendBefore.isZero()
                    || extendBefore.compareTo(visibilityTimeout) >= 0)) {
                throw new IllegalArgumentException("extendBefore must be more than 0 and less than the visibility"
                        + " timeout (" + visibilityTimeout + "), not " + extendBefore);
            }
            if (failedMessageDelay != null) {
                wholeSeconds("failedMessageDelay", failedMessageDelay, Duration.ZERO, MAX_VISIBILITY_TIMEOUT);
            }
            Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
            if (shutdownTimeout.isNegative()) {
                throw new IllegalArgumentException("shutdownTimeout must not be negative, not " + shutdownTimeout);
            }
            return new QueueConsumerOptions(this);
        }

        private static void wholeSeconds(String name, Duration value, Duration min, Duration max) {
            Objects.requireNonNull(value, name);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0 || value.getNano() != 0) {
                throw new IllegalArgumentException(name + " must be whole seconds from " + min.toSeconds() + " to "
                        + max.toSeconds() + ", not " + value);
            }
        }
    }
}
