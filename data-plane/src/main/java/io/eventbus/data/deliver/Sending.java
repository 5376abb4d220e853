package io.eventbus.data.deliver;

import io.eventbus.data.outbox.AttemptLog;
import io.eventbus.data.retry.DeliveryOutcome;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * An attempt of a driver whose targets answer without an HTTP status (a bus, a broker), from the moment it starts:
 * it makes the attempt's {@link Sent} with its latency and its time, so that every such driver logs attempts alike.
 *
 * @param at           when the attempt started (the attempt log's time)
 * @param startedNanos {@link System#nanoTime()} then, for the latency
 */
public record Sending(Instant at, long startedNanos) {

    public static Sending start(Clock clock) {
        return new Sending(clock.instant(), System.nanoTime());
    }

    /**
     * How the attempt went.
     *
     * @param response what the target said of a message it took (a broker's offset, the other bus' event id), or null
     */
    public Sent ended(DeliveryOutcome outcome, String response) {
        return Sent.of(outcome, new AttemptLog(null, (System.nanoTime() - startedNanos) / 1_000_000, outcome.error(),
                response, at));
    }

    /** An attempt that ended before anything was sent, or at once. */
    public CompletableFuture<Sent> endedNow(DeliveryOutcome outcome) {
        return CompletableFuture.completedFuture(ended(outcome, null));
    }
}
