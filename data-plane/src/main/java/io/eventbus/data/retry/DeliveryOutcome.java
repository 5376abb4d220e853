package io.eventbus.data.retry;

import java.time.Duration;
import java.util.Optional;

/**
 * What one delivery attempt came to, whatever the kind of target. One {@code switch} over it decides the
 * delivery's next state ({@link NextAttempt}): {@link Delivered} ends it, {@link Retryable} schedules another
 * attempt while the retry policy allows, {@link Permanent} dead-letters it at once. Built through the factories
 * here; its error is shown in one form, {@link #error()}.
 */
public sealed interface DeliveryOutcome {

    /** The target accepted the delivery; {@code status} is the HTTP status, or 200 for a target without one. */
    static DeliveryOutcome delivered(int status) {
        return new Delivered(status);
    }

    /** Worth another attempt, after the usual backoff. */
    static DeliveryOutcome retryable(String errorCode, String errorMessage) {
        return new Retryable(errorCode, errorMessage, Optional.empty());
    }

    /** Worth another attempt, not before {@code retryAfter} if the target asked for it. */
    static DeliveryOutcome retryable(String errorCode, String errorMessage, Optional<Duration> retryAfter) {
        return new Retryable(errorCode, errorMessage, retryAfter);
    }

    /** Another attempt would fail the same way. */
    static DeliveryOutcome permanent(String errorCode, String errorMessage) {
        return new Permanent(errorCode, errorMessage);
    }

    /** EventBridge's {@code ERROR_CODE} of a failed attempt, e.g. {@code HTTP_503}; null when delivered. */
    String errorCode();

    /** What went wrong, in words; null when delivered. */
    String errorMessage();

    /** {@code CODE: message} of a failed attempt, as kept in {@code delivery.last_error}; null when delivered. */
    default String error() {
        return errorCode() == null ? null : errorCode() + ": " + errorMessage();
    }

    /** The target accepted the delivery (2xx, or a broker's acknowledgement). */
    record Delivered(int status) implements DeliveryOutcome {

        @Override
        public String errorCode() {
            return null;
        }

        @Override
        public String errorMessage() {
            return null;
        }
    }

    /**
     * Worth another attempt: a timeout, a connection error, 408, 429 or 5xx, a broker that did not acknowledge.
     *
     * @param retryAfter what the target asked for ({@code Retry-After}), if anything
     */
    record Retryable(String errorCode, String errorMessage, Optional<Duration> retryAfter) implements DeliveryOutcome {
    }

    /** Another attempt would fail the same way: other 4xx, a payload that cannot be built, a missing destination. */
    record Permanent(String errorCode, String errorMessage) implements DeliveryOutcome {
    }
}
