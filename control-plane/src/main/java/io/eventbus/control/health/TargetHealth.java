package io.eventbus.control.health;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * One target's health over the window.
 *
 * @param health        the verdict, decided by {@link #verdict} alone: FAILING, DEGRADED, HEALTHY or IDLE
 * @param delivered     deliveries that ended DELIVERED in the window
 * @param attempts      attempts made in the window
 * @param failedAttempts of them, those that failed
 * @param deadLettered  deliveries that ended DEAD_LETTERED in the window
 * @param pending       deliveries not finished now (AVAILABLE, RUNNING, RETRYABLE), whatever their age
 * @param successRate   attempts that succeeded, 0 to 1; absent without attempts
 * @param latencyP50Millis of the window's attempts; absent without attempts
 * @param latencyBucketed  true when the percentiles are the upper bounds of latency buckets, read from the
 *                         per-minute counts ("p99 under 200 ms"); absent when they are exact
 * @param circuitOpenUntil while deliveries wait on the target's open circuit breaker, when the last of them is due
 * @param lastError     the window's last failed attempt's error, and when it happened
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetHealth(String rule, String target, String type, String health, long delivered, long attempts,
                           long failedAttempts, long deadLettered, long pending, Double successRate,
                           Integer latencyP50Millis, Integer latencyP99Millis, Boolean latencyBucketed,
                           Instant circuitOpenUntil,
                           String lastError, Instant lastErrorAt) {

    /**
     * FAILING: an open circuit holds deliveries back, a delivery was dead-lettered, or fewer than half the attempts
     * succeeded; DEGRADED: some attempts failed; HEALTHY: attempts, all good; IDLE: no attempt and nothing pending.
     * Pending deliveries without an attempt in the window count as HEALTHY (they are on their way).
     */
    static String verdict(long attempts, long failed, long deadLettered, long pending, Instant circuitOpenUntil) {
        if (circuitOpenUntil != null || deadLettered > 0 || (attempts > 0 && failed * 2 > attempts)) {
            return "FAILING";
        }
        if (failed > 0) {
            return "DEGRADED";
        }
        return attempts > 0 || pending > 0 ? "HEALTHY" : "IDLE";
    }
}
