package io.eventbus.sdk;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Publisher} batches, buffers, retries and closes. Immutable and thread-safe; build one with
 * {@link #builder()} (every setting has a default, and {@link Builder#build()} refuses values that make no sense).
 *
 * <pre>{@code
 * PublisherOptions options = PublisherOptions.builder()
 *         .maxBatchSize(100)
 *         .linger(Duration.ofMillis(5))
 *         .bufferCapacity(10_000)
 *         .whenFull(PublisherOptions.WhenFull.BLOCK, Duration.ofSeconds(10))
 *         .build();
 * }</pre>
 *
 * @param maxBatchSize   events per put, 1 to {@value Eventbus#MAX_ENTRIES_PER_PUT} (default 100)
 * @param linger         how long the first event of a batch waits for others before the batch is sent anyway
 *                       (default 5 ms; zero sends at once whatever has gathered)
 * @param bufferCapacity how many events the publisher holds at most, waiting or being sent (default 10,000; at
 *                       least {@code maxBatchSize})
 * @param whenFull       what {@link Publisher#publish} does when the buffer is full (default {@link WhenFull#BLOCK})
 * @param maxBlock       with {@link WhenFull#BLOCK}: how long {@code publish} waits for room before it throws
 *                       {@link PublisherBufferFullException} (default 60 s)
 * @param maxAttempts    how many times a batch is sent at most, the first time included (default 10; 1: never
 *                       retried)
 * @param retryTimeout   how long after its first attempt a batch may still be retried (default 2 min)
 * @param initialBackoff the wait before the first retry; each further retry waits twice as long, up to
 *                       {@code maxBackoff}, each wait drawn at random between half of it and all of it (default
 *                       100 ms)
 * @param maxBackoff     the longest wait between two attempts (default 10 s)
 * @param maxInFlight    how many puts may be under way at once, retries waiting for their turn included
 *                       (default 8)
 * @param closeTimeout   how long {@link Publisher#close()} waits for what was accepted to be stored (default 30 s)
 */
public record PublisherOptions(int maxBatchSize, Duration linger, int bufferCapacity, WhenFull whenFull,
                               Duration maxBlock, int maxAttempts, Duration retryTimeout, Duration initialBackoff,
                               Duration maxBackoff, int maxInFlight, Duration closeTimeout) {

    /** What {@link Publisher#publish} does when the buffer holds {@link #bufferCapacity()} events. */
    public enum WhenFull {
        /** Wait for room, at most {@link #maxBlock()}; then throw {@link PublisherBufferFullException}. */
        BLOCK,
        /** Throw {@link PublisherBufferFullException} at once. */
        FAIL_FAST
    }

    /** The defaults. */
    public static final PublisherOptions DEFAULTS = builder().build();

    /** Checks every setting; use {@link #builder()} rather than this constructor. */
    public PublisherOptions {
        Objects.requireNonNull(linger, "linger");
        Objects.requireNonNull(whenFull, "whenFull");
        Objects.requireNonNull(maxBlock, "maxBlock");
        Objects.requireNonNull(retryTimeout, "retryTimeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        if (maxBatchSize < 1 || maxBatchSize > Eventbus.MAX_ENTRIES_PER_PUT) {
            throw new IllegalArgumentException("maxBatchSize must be from 1 to " + Eventbus.MAX_ENTRIES_PER_PUT
                    + ", not " + maxBatchSize);
        }
        if (bufferCapacity < maxBatchSize) {
            throw new IllegalArgumentException("bufferCapacity must hold at least one batch (" + maxBatchSize
                    + " events), not " + bufferCapacity);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, not " + maxInFlight);
        }
        requireNotNegative("linger", linger);
        requireNotNegative("maxBlock", maxBlock);
        requireNotNegative("retryTimeout", retryTimeout);
        requireNotNegative("closeTimeout", closeTimeout);
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be positive, not " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must not be less than initialBackoff ("
                    + initialBackoff + ")");
        }
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    private static void requireNotNegative(String name, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, not " + value);
        }
    }

    /** Builds {@link PublisherOptions}; starts from the defaults. Not thread-safe. */
    public static final class Builder {

        private int maxBatchSize = Eventbus.MAX_ENTRIES_PER_PUT;
        private Duration linger = Duration.ofMillis(5);
        private int bufferCapacity = 10_000;
        private WhenFull whenFull = WhenFull.BLOCK;
        private Duration maxBlock = Duration.ofSeconds(60);
        private int maxAttempts = 10;
        private Duration retryTimeout = Duration.ofMinutes(2);
        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(10);
        private int maxInFlight = 8;
        private Duration closeTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** Events per put, 1 to {@value Eventbus#MAX_ENTRIES_PER_PUT} (default 100). */
        public Builder maxBatchSize(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        /** How long the first event of a batch waits for others (default 5 ms). */
        public Builder linger(Duration linger) {
            this.linger = linger;
            return this;
        }

        /** How many events the publisher holds at most, waiting or being sent (default 10,000). */
        public Builder bufferCapacity(int bufferCapacity) {
            this.bufferCapacity = bufferCapacity;
            return this;
        }

        /**
         * What {@code publish} does when the buffer is full, and with {@link WhenFull#BLOCK} how long it waits at
         * most (default: block, 60 s).
         */
        public Builder whenFull(WhenFull whenFull, Duration maxBlock) {
            this.whenFull = whenFull;
            this.maxBlock = maxBlock;
            return this;
        }

        /** What {@code publish} does when the buffer is full (default {@link WhenFull#BLOCK}). */
        public Builder whenFull(WhenFull whenFull) {
            this.whenFull = whenFull;
            return this;
        }

        /** How many times a batch is sent at most, the first time included (default 10). */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** How long after its first attempt a batch may still be retried (default 2 min). */
        public Builder retryTimeout(Duration retryTimeout) {
            this.retryTimeout = retryTimeout;
            return this;
        }

        /** The first and the longest wait between two attempts (default 100 ms and 10 s). */
        public Builder backoff(Duration initialBackoff, Duration maxBackoff) {
            this.initialBackoff = initialBackoff;
            this.maxBackoff = maxBackoff;
            return this;
        }

        /** How many puts may be under way at once (default 8). */
        public Builder maxInFlight(int maxInFlight) {
            this.maxInFlight = maxInFlight;
            return this;
        }

        /** How long {@code close()} waits for what was accepted to be stored (default 30 s). */
        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
            return this;
        }

        /** The options; an {@link IllegalArgumentException} names the first setting that makes no sense. */
        public PublisherOptions build() {
            return new PublisherOptions(maxBatchSize, linger, bufferCapacity, whenFull, maxBlock, maxAttempts,
                    retryTimeout, initialBackoff, maxBackoff, maxInFlight, closeTimeout);
        }
    }
}
