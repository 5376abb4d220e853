package io.eventbus.data.retry;

import io.eventbus.core.target.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class NextAttemptTest {

    static final Instant INGESTED = Instant.parse("2026-11-26T10:00:00Z");
    static final NextAttempt.Backoff NO_JITTER = new NextAttempt.Backoff(Duration.ofSeconds(1), 2.0,
            Duration.ofMinutes(5), 0.0, Duration.ofMinutes(10));
    static final DeliveryOutcome.Retryable FAILED = new DeliveryOutcome.Retryable("HTTP_500", "500", Optional.empty());

    @ParameterizedTest(name = "after attempt {0}: wait {1}")
    @CsvSource({"1, PT1S", "2, PT2S", "3, PT4S", "4, PT8S", "9, PT4M16S", "10, PT5M", "50, PT5M"})
    void backsOffExponentiallyUpToTheCap(int attempts, String delay) {
        assertThat(NextAttempt.delay(attempts, NO_JITTER, () -> 0.5)).isEqualTo(Duration.parse(delay));
    }

    @Test
    void jitterStaysWithinItsShareEitherWay() {
        NextAttempt.Backoff jittered = new NextAttempt.Backoff(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(5), 0.2,
                Duration.ofMinutes(10));
        assertThat(NextAttempt.delay(1, jittered, () -> 0.0)).isEqualTo(Duration.ofSeconds(8));
        assertThat(NextAttempt.delay(1, jittered, () -> 0.999999)).isBetween(Duration.ofMillis(11_999), Duration.ofSeconds(12));
    }

    @Test
    void deliveredIsDoneAndPermanentIsDeadLetteredAtOnce() {
        assertThat(next(new DeliveryOutcome.Delivered(200), 1, RetryPolicy.DEFAULT)).isEqualTo(new NextAttempt.Done());
        assertThat(next(new DeliveryOutcome.Permanent("HTTP_400", "400"), 1, RetryPolicy.DEFAULT))
                .isEqualTo(new NextAttempt.DeadLetter(null));
    }

    @Test
    void retriesUntilTheRetryAttemptsAreUsedUp() {
        RetryPolicy twoRetries = new RetryPolicy(2, 86_400);
        assertThat(next(FAILED, 1, twoRetries)).isInstanceOf(NextAttempt.RetryAt.class);
        assertThat(next(FAILED, 2, twoRetries)).isInstanceOf(NextAttempt.RetryAt.class);
        assertThat(next(FAILED, 3, twoRetries)).isEqualTo(new NextAttempt.DeadLetter("MaximumRetryAttempts"));
        assertThat(next(FAILED, 1, new RetryPolicy(0, 86_400))).isEqualTo(new NextAttempt.DeadLetter("MaximumRetryAttempts"));
    }

    @Test
    void givesUpWhenTheNextAttemptWouldBePastTheMaximumEventAge() {
        RetryPolicy oneMinute = new RetryPolicy(185, 60);
        Instant now = INGESTED.plusSeconds(58);
        assertThat(NextAttempt.after(FAILED, 1, INGESTED, now, oneMinute, NO_JITTER, () -> 0.5))
                .isEqualTo(new NextAttempt.RetryAt(now.plusSeconds(1)));
        assertThat(NextAttempt.after(FAILED, 3, INGESTED, now, oneMinute, NO_JITTER, () -> 0.5))
                .isEqualTo(new NextAttempt.DeadLetter("MaximumEventAge"));
    }

    @Test
    void honoursRetryAfterWithinItsCap() {
        Instant now = INGESTED.plusSeconds(10);
        DeliveryOutcome.Retryable wait90 = new DeliveryOutcome.Retryable("HTTP_429", "429", Optional.of(Duration.ofSeconds(90)));
        assertThat(NextAttempt.after(wait90, 1, INGESTED, now, RetryPolicy.DEFAULT, NO_JITTER, () -> 0.5))
                .isEqualTo(new NextAttempt.RetryAt(now.plusSeconds(90)));
        DeliveryOutcome.Retryable waitADay = new DeliveryOutcome.Retryable("HTTP_503", "503", Optional.of(Duration.ofDays(1)));
        assertThat(NextAttempt.after(waitADay, 1, INGESTED, now, RetryPolicy.DEFAULT, NO_JITTER, () -> 0.5))
                .isEqualTo(new NextAttempt.RetryAt(now.plus(Duration.ofMinutes(10))));
    }

    private static NextAttempt.Decision next(DeliveryOutcome outcome, int attempts, RetryPolicy policy) {
        return NextAttempt.after(outcome, attempts, INGESTED, INGESTED, policy, NO_JITTER, () -> 0.5);
    }
}
