package io.eventbus.data.retry;

import java.time.Duration;
import java.util.Optional;

/**
 * What one delivery attempt came to. One {@code switch} over it decides the delivery's next state
 * ({@link NextAttempt}): {@link Delivered} ends it, {@link Retryable} schedules another attempt while the retry
 * policy allows, {@link Permanent} dead-letters it at once.
 */
public sealed interface DeliveryOutcome {

    /** The target accepted the delivery (2xx). */
    record Delivered(int status) implements DeliveryOutcome {
    }

    /**
     * Worth another attempt: a timeout, a connection error, 408, 429 or 5xx.
     *
     * @param retryAfter what the target asked for ({@code Retry-After}), if anything
     */
    record Retryable(String errorCode, String errorMessage, Optional<Duration> retryAfter) implements DeliveryOutcome {
    }

    /** Another attempt would fail the same way: other 4xx, or a payload that cannot be built. */
    record Permanent(String errorCode, String errorMessage) implements DeliveryOutcome {
    }
}
