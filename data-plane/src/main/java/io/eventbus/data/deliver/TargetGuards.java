package io.eventbus.data.deliver;

import io.eventbus.core.delivery.DeliveryHold;
import io.eventbus.core.role.DataRole;
import io.eventbus.data.retry.DeliveryOutcome;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A circuit breaker and, when the target sets {@code rateLimitPerSecond}, a rate limiter per target
 * (resilience4j), in this process. While a breaker is open, or the target's rate is used up, a delivery waits
 * without spending an attempt ({@link #mayProceed} says until when); a half-open breaker lets one probe through,
 * and its success closes it. Thread-safe.
 *
 * <p>A target is named {@code bus/rule/target} (names cannot hold a slash). Each breaker's state is the gauge
 * {@code eventbus.delivery.circuit.state} (0 closed, 1 half-open, 2 open; tags bus, rule, target), and its
 * transitions count in {@code eventbus.delivery.circuit.transitions} (tag {@code to}).
 */
@Singleton
@DataRole
public class TargetGuards {

    private final CircuitBreakerRegistry breakers;
    private final RateLimiterRegistry limiters = RateLimiterRegistry.ofDefaults();
    private final Duration openFor;

    TargetGuards(DeliverySettings settings, @Nullable MeterRegistry meters) {
        this.openFor = settings.circuitOpenFor();
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(settings.circuitOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
        if (meters != null) {
            breakers.getEventPublisher().onEntryAdded(added -> measure(added.getAddedEntry(), meters));
        }
    }

    private static void measure(CircuitBreaker breaker, MeterRegistry meters) {
        String[] parts = breaker.getName().split("/", 3);
        if (parts.length != 3) {
            return;
        }
        Tags tags = Tags.of("bus", parts[0], "rule", parts[1], "target", parts[2]);
        Gauge.builder("eventbus.delivery.circuit.state", breaker, b -> stateValue(b.getState()))
                .description("Circuit breaker of a target: 0 closed, 1 half-open, 2 open")
                .tags(tags).strongReference(true).register(meters);
        breaker.getEventPublisher().onStateTransition(event -> meters.counter("eventbus.delivery.circuit.transitions",
                tags.and("to", event.getStateTransition().getToState().name().toLowerCase())).increment());
    }

    static int stateValue(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED, DISABLED, METRICS_ONLY -> 0;
            case HALF_OPEN -> 1;
            case OPEN, FORCED_OPEN -> 2;
        };
    }

    /** A delivery held back: until when (then it is looked at again), and why. */
    public record Hold(Instant until, DeliveryHold why) {
    }

    /** Empty when the attempt may go now; otherwise until when and why it waits (no attempt is spent). */
    public Optional<Hold> mayProceed(String target, Integer ratePerSecond, Instant now) {
        if (!breaker(target).tryAcquirePermission()) {
            return Optional.of(new Hold(now.plus(openFor), DeliveryHold.CIRCUIT_OPEN));
        }
        if (ratePerSecond != null && !limiter(target, ratePerSecond).acquirePermission()) {
            breaker(target).releasePermission();
            return Optional.of(new Hold(now.plusMillis(Math.max(1, 1000 / ratePerSecond)), DeliveryHold.RATE_LIMITED));
        }
        return Optional.empty();
    }

    /** Tells the breaker how the attempt went: only failures of the endpoint itself count against it. */
    public void completed(String target, DeliveryOutcome outcome, Duration took) {
        CircuitBreaker breaker = breaker(target);
        if (outcome instanceof DeliveryOutcome.Retryable) {
            breaker.onError(took.toNanos(), TimeUnit.NANOSECONDS, new IllegalStateException("retryable failure"));
        } else {
            breaker.onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    public CircuitBreaker.State state(String target) {
        return breaker(target).getState();
    }

    CircuitBreaker breaker(String target) {
        return breakers.circuitBreaker(target);
    }

    private RateLimiter limiter(String target, int ratePerSecond) {
        RateLimiter limiter = limiters.rateLimiter(target, RateLimiterConfig.custom()
                .limitForPeriod(ratePerSecond).limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO).build());
        if (limiter.getRateLimiterConfig().getLimitForPeriod() != ratePerSecond) {
            limiter.changeLimitForPeriod(ratePerSecond);
        }
        return limiter;
    }
}
