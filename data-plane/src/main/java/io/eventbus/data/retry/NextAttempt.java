package io.eventbus.data.retry;

import io.eventbus.core.target.RetryPolicy;
import io.github.resilience4j.core.IntervalFunction;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * When a delivery is tried again, or that it is given up (Java 17 has no pattern switch; the sealed
 * {@link DeliveryOutcome} keeps the three cases exhaustive): exponential backoff (resilience4j
 * {@link IntervalFunction}) with jitter from an injected source, at least the target's {@code Retry-After}
 * (capped), bounded by the target's retry policy as EventBridge bounds it (retry count and event age). Pure
 * function of its arguments.
 */
public final class NextAttempt {

    /** What happens after an outcome. */
    public sealed interface Decision {
    }

    /** The delivery is finished. */
    public record Done() implements Decision {
    }

    /** Try again at {@code at}. */
    public record RetryAt(Instant at) implements Decision {
    }

    /**
     * Send it to the dead-letter queue.
     *
     * @param exhaustedRetryCondition EventBridge's {@code EXHAUSTED_RETRY_CONDITION}: {@code MaximumRetryAttempts},
     *                                {@code MaximumEventAge}, or null for a permanent failure
     */
    public record DeadLetter(String exhaustedRetryCondition) implements Decision {
    }

    /**
     * @param initial    the first retry's delay before jitter (e.g. 1 s)
     * @param max        no delay exceeds this, before jitter (e.g. 5 min)
     * @param jitter     0 to 1: the delay is randomised by up to this share either way
     * @param retryAfterCap the longest {@code Retry-After} honoured
     */
    public record Backoff(Duration initial, double multiplier, Duration max, double jitter, Duration retryAfterCap) {

        public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), 0.2,
                Duration.ofMinutes(10));
    }

    private NextAttempt() {
    }

    /**
     * @param attempts   attempts made so far, the one that gave {@code outcome} included (1 after the first)
     * @param ingestedAt when the event was accepted: the start of its age
     * @param random     uniform in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble}
     */
    public static Decision after(DeliveryOutcome outcome, int attempts, Instant ingestedAt, Instant now,
                                 RetryPolicy policy, Backoff backoff, DoubleSupplier random) {
        if (outcome instanceof DeliveryOutcome.Retryable retryable) {
            return retry(retryable, attempts, ingestedAt, now, policy, backoff, random);
        }
        return outcome instanceof DeliveryOutcome.Delivered ? new Done() : new DeadLetter(null);
    }

    private static Decision retry(DeliveryOutcome.Retryable outcome, int attempts, Instant ingestedAt, Instant now,
                                  RetryPolicy policy, Backoff backoff, DoubleSupplier random) {
        int retriesUsed = attempts - 1;
        if (retriesUsed >= policy.maximumRetryAttempts()) {
            return new DeadLetter("MaximumRetryAttempts");
        }
        Duration delay = delay(attempts, backoff, random);
        if (outcome.retryAfter().isPresent()) {
            Duration asked = min(outcome.retryAfter().get(), backoff.retryAfterCap());
            delay = asked.compareTo(delay) > 0 ? asked : delay;
        }
        Instant at = now.plus(delay);
        if (at.isAfter(ingestedAt.plusSeconds(policy.maximumEventAgeInSeconds()))) {
            return new DeadLetter("MaximumEventAge");
        }
        return new RetryAt(at);
    }

    /** The delay before retry number {@code attempts} (1-based), jittered. */
    static Duration delay(int attempts, Backoff backoff, DoubleSupplier random) {
        long base = IntervalFunction.ofExponentialBackoff(backoff.initial(), backoff.multiplier(), backoff.max())
                .apply(attempts);
        double factor = 1 - backoff.jitter() + 2 * backoff.jitter() * random.getAsDouble();
        return Duration.ofMillis(Math.round(base * factor));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
