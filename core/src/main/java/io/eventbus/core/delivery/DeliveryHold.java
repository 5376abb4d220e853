package io.eventbus.core.delivery;

/**
 * Why an {@code AVAILABLE} delivery that was claimed was given back without an attempt, until its
 * {@code next_attempt_at} ({@code delivery.held_by}; cleared when it is claimed again): the console explains the wait
 * with it.
 */
public enum DeliveryHold {
    /** Its target's circuit breaker is open: the target failed too often; a probe goes when it half-opens. */
    CIRCUIT_OPEN,
    /** Its target's {@code rateLimitPerSecond} is used up for now. */
    RATE_LIMITED
}
