package io.eventbus.data.deliver;

import io.eventbus.core.delivery.DeliveryState;
import io.eventbus.core.installation.Installation;
import io.eventbus.core.role.DataRole;
import io.eventbus.core.transform.Context;
import io.eventbus.core.transform.ShapeInput;
import io.eventbus.data.outbox.AttemptLog;
import io.eventbus.data.outbox.ClaimedDelivery;
import io.eventbus.data.outbox.Outbox;
import io.eventbus.data.outbox.Outcome;
import io.eventbus.data.outbox.QueueMessage;
import io.eventbus.data.retry.DeliveryOutcome;
import io.eventbus.data.retry.NextAttempt;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One attempt of one claimed delivery, whatever its kind of target: wait, without spending the attempt, while the
 * target's circuit is open or its rate limit is used up ({@link TargetGuards}, for a guarded driver); shape its input
 * as the target asks (EventBridge's {@code input}, {@code inputPath}, {@code inputTransformer}), send it with its
 * kind's {@link TargetDriver}, decide what the outcome means ({@link NextAttempt}) and record it through the
 * {@link Outbox}; a delivery that fails for good goes to the target's dead-letter queue (else the bus' default one)
 * with EventBridge's attributes, in the same transaction. Thread-safe; the returned future fails only when the
 * outcome could not be recorded (then the lease expires and the delivery is attempted again).
 */
@Singleton
@DataRole
public class DeliverClaimed {

    private static final Logger LOG = LoggerFactory.getLogger(DeliverClaimed.class);

    private final Outbox outbox;
    private final Installation installation;
    private final TargetGuards guards;
    private final DeliveryMeters meters;
    private final Clock clock;

    DeliverClaimed(Outbox outbox, Installation installation, TargetGuards guards, DeliveryMeters meters, Clock clock) {
        this.clock = clock;
        this.guards = guards;
        this.outbox = outbox;
        this.installation = installation;
        this.meters = meters;
    }

    /**
     * Attempts {@code claimed}; the future completes when its outcome is recorded (or deferred).
     *
     * @param loaded what {@link LoadDelivery} read for it, or null when the delivery is no longer stored
     */
    public CompletableFuture<Void> deliver(String worker, ClaimedDelivery claimed, LoadDelivery.Loaded loaded) {
        if (loaded == null || loaded.envelope() == null || loaded.target() == null) {
            String why = loaded == null || loaded.envelope() == null ? "the event is no longer stored"
                    : "the rule or target was deleted";
            return finish(worker, claimed, loaded, Sent.failed(DeliveryOutcome.permanent("TARGET_GONE", why), 0));
        }
        if (loaded.target() instanceof TargetDrivers.Unusable unusable) {
            return finish(worker, claimed, loaded, Sent.failed(unusable.outcome(), 0));
        }
        ConfiguredTarget<?> target = ((TargetDrivers.Usable) loaded.target()).target();
        String body;
        try {
            body = ShapeInput.shape(loaded.inputShaping(), loaded.envelope(), new Context(claimed.ruleName(),
                    installation.ruleArn(loaded.bus(), claimed.ruleName()), claimed.eventIngestedAt()));
        } catch (IllegalArgumentException e) {
            return finish(worker, claimed, loaded, Sent.failed(DeliveryOutcome.permanent("INPUT_TRANSFORMATION_FAILED",
                    e.getMessage()), 0));
        }
        Attempt attempt = new Attempt(claimed.id().toString(), claimed.attempt(), claimed.eventId().toString(),
                loaded.bus(), claimed.ruleName(), loaded.envelope(), body, ShapeInput.shapes(loaded.inputShaping()),
                loaded.connection(), loaded.lastError());
        if (!target.guarded()) {
            return target.send(attempt).thenCompose(sent -> finish(worker, claimed, loaded, sent));
        }
        String guarded = loaded.bus() + "/" + claimed.ruleName() + "/" + claimed.targetId();
        Optional<TargetGuards.Hold> hold = guards.mayProceed(guarded, target.rateLimitPerSecond(), clock.instant());
        if (hold.isPresent()) {
            outbox.defer(worker, claimed, hold.get().until(), hold.get().why());
            return CompletableFuture.completedFuture(null);
        }
        long started = System.nanoTime();
        return target.send(attempt).thenCompose(sent -> {
            guards.completed(guarded, sent.outcome(), Duration.ofNanos(System.nanoTime() - started));
            return finish(worker, claimed, loaded, sent);
        });
    }

    private CompletableFuture<Void> finish(String worker, ClaimedDelivery claimed, LoadDelivery.Loaded loaded,
                                           Sent sent) {
        DeliveryOutcome outcome = sent.outcome();
        AttemptLog log = sent.log();
        Instant now = clock.instant();
        NextAttempt.Decision decision = NextAttempt.after(outcome, claimed.attempt(), claimed.eventIngestedAt(), now,
                loaded == null ? io.eventbus.core.target.RetryPolicy.DEFAULT : loaded.retryPolicy(),
                NextAttempt.Backoff.DEFAULT, () -> ThreadLocalRandom.current().nextDouble());
        Outcome recorded;
        if (decision instanceof NextAttempt.Done) {
            recorded = new Outcome(worker, claimed, DeliveryState.DELIVERED, null, null, sent.onSuccess(), log);
        } else if (decision instanceof NextAttempt.RetryAt retry) {
            recorded = new Outcome(worker, claimed, DeliveryState.RETRYABLE, retry.at(), outcome.error(), null, log);
        } else {
            String condition = ((NextAttempt.DeadLetter) decision).exhaustedRetryCondition();
            recorded = new Outcome(worker, claimed, DeliveryState.DEAD_LETTERED, null, outcome.error(),
                    deadLetter(claimed, loaded, outcome, condition), log);
        }
        return outbox.record(recorded).thenAccept(held -> {
            if (!held) {
                LOG.info("outcome of delivery_id={} attempt={} dropped: the lease was lost", claimed.id(),
                        claimed.attempt());
                return;
            }
            if (decision instanceof NextAttempt.DeadLetter) {
                LOG.warn("delivery dead-lettered: delivery_id={} rule={} target={} attempt={} error={} dlq={}",
                        claimed.id(), claimed.ruleName(), claimed.targetId(), claimed.attempt(), outcome.error(),
                        recorded.message() == null ? "(none: no dead-letter queue on the target or its bus)"
                                : recorded.message().queue());
            }
            count(claimed, loaded, outcome, decision, now);
        });
    }

    private void count(ClaimedDelivery claimed, LoadDelivery.Loaded loaded, DeliveryOutcome outcome,
                       NextAttempt.Decision decision, Instant now) {
        String bus = loaded == null ? "" : loaded.bus();
        meters.attempted(bus, claimed.ruleName(), claimed.targetId(), claimed.attempt() > 1);
        if (decision instanceof NextAttempt.Done) {
            meters.delivered(bus, claimed.ruleName(), claimed.targetId(),
                    Duration.between(claimed.eventIngestedAt(), now));
        } else if (decision instanceof NextAttempt.DeadLetter) {
            meters.deadLettered(bus, claimed.ruleName(), claimed.targetId(), outcome.errorCode());
        }
    }

    /** The dead-letter message: the original event, and EventBridge's attributes saying why. */
    private static QueueMessage deadLetter(ClaimedDelivery claimed, LoadDelivery.Loaded loaded, DeliveryOutcome outcome,
                                           String condition) {
        if (loaded == null || loaded.deadLetterQueue() == null) {
            return null;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("ERROR_CODE", outcome.errorCode());
        attributes.put("ERROR_MESSAGE", outcome.errorMessage());
        attributes.put("RETRY_ATTEMPTS", Integer.toString(claimed.attempt() - 1));
        if (condition != null) {
            attributes.put("EXHAUSTED_RETRY_CONDITION", condition);
        }
        attributes.put("RULE", loaded.bus() + "/" + claimed.ruleName());
        attributes.put("TARGET", claimed.targetId());
        return new QueueMessage(loaded.deadLetterQueue(), loaded.envelope() == null ? "{}" : loaded.envelope(),
                attributes);
    }
}
