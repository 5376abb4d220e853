package io.eventbus.sdk;

import java.time.Duration;

/**
 * The wait before a retry of a put: exponential from the initial backoff, capped, with "equal jitter" (a random
 * point between half of the wait and all of it), so that publishers that failed together do not retry together.
 * A pure function: the random draw is passed in.
 */
final class RetryBackoff {

    private RetryBackoff() {
    }

    /**
     * The wait before retry {@code retry} (1: the first retry, after the first attempt failed).
     *
     * @param random a draw from [0, 1)
     */
    static Duration before(int retry, Duration initial, Duration max, double random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry counts from 1, not " + retry);
        }
        if (random < 0 || random >= 1) {
            throw new IllegalArgumentException("random must be in [0, 1), not " + random);
        }
        long maxNanos = max.toNanos();
        long nanos = initial.toNanos();
        for (int i = 1; i < retry && nanos < maxNanos; i++) {
            nanos = nanos > maxNanos / 2 ? maxNanos : nanos * 2;
        }
        nanos = Math.min(nanos, maxNanos);
        long half = nanos / 2;
        return Duration.ofNanos(half + (long) (random * (nanos - half)));
    }
}
