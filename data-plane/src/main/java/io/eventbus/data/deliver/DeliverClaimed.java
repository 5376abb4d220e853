package io.eventbus.data.deliver;

import io.eventbus.core.delivery.DeliveryState;
import io.eventbus.core.role.DataRole;
import io.eventbus.core.transform.Context;
import io.eventbus.core.transform.ShapeInput;
import io.eventbus.data.ingest.IngestSettings;
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
 * One attempt of one claimed delivery: wait, without spending the attempt, while the target's circuit is open
 * or its rate limit is used up ({@link TargetGuards}); shape its input as the target asks (EventBridge's {@code input},
 * {@code inputPath}, {@code inputTransformer}), send it to its target (webhook or queue), decide what the outcome
 * means ({@link NextAttempt}) and record it through the {@link Outbox}; a delivery that fails for good goes to
 * the target's dead-letter queue (else the bus' default one) with EventBridge's attributes, in the same
 * transaction. Thread-safe; the returned future fails only when the outcome could not be recorded (then the lease
 * expires and the delivery is attempted again).
 */
@Singleton
@DataRole
public class DeliverClaimed {

    private static final Logger LOG = LoggerFactory.getLogger(DeliverClaimed.class);

    private final SendWebhook webhook;
    private final Outbox outbox;
    private final IngestSettings identity;
    private final TargetGuards guards;
    private final DeliveryMeters meters;
    private final Clock clock = Clock.systemUTC();

    DeliverClaimed(SendWebhook webhook, Outbox outbox, IngestSettings identity,
                   TargetGuards guards, DeliveryMeters meters) {
        this.guards = guards;
        this.webhook = webhook;
        this.outbox = outbox;
        this.identity = identity;
        this.meters = meters;
    }

    /**
     * Attempts {@code claimed}; the future completes when its outcome is recorded (or deferred).
     *
     * @param loaded what {@link LoadDelivery} read for it, or null when the delivery is no longer stored
     */
    public CompletableFuture<Void> deliver(String worker, ClaimedDelivery claimed, LoadDelivery.Loaded loaded) {
        if (loaded == null || loaded.envelope() == null || loaded.type() == null) {
            String why = loaded == null || loaded.envelope() == null ? "the event is no longer stored"
                    : "the rule or target was deleted";
            return finish(worker, claimed, loaded, new DeliveryOutcome.Permanent("TARGET_GONE", why), null,
                    new AttemptLog(null, 0, "TARGET_GONE: " + why, null));
        }
        String body;
        try {
            body = ShapeInput.shape(loaded.inputShaping(), loaded.envelope(), new Context(claimed.ruleName(),
                    ruleArn(loaded.bus(), claimed.ruleName()), claimed.eventIngestedAt()));
        } catch (IllegalArgumentException e) {
            return finish(worker, claimed, loaded, new DeliveryOutcome.Permanent("INPUT_TRANSFORMATION_FAILED",
                    e.getMessage()), null, new AttemptLog(null, 0, "INPUT_TRANSFORMATION_FAILED: " + e.getMessage(), null));
        }
        if ("queue".equals(loaded.type())) {
            QueueMessage message = new QueueMessage(loaded.config().path("name").asText(), body, Map.of());
            return finish(worker, claimed, loaded, new DeliveryOutcome.Delivered(200), message,
                    new AttemptLog(null, 0, null, null));
        }
        String target = loaded.bus() + "/" + claimed.ruleName() + "/" + claimed.targetId();
        Integer rate = loaded.config().hasNonNull("rateLimitPerSecond") ? loaded.config().get("rateLimitPerSecond").asInt()
                : null;
        Optional<TargetGuards.Hold> hold = guards.mayProceed(target, rate, clock.instant());
        if (hold.isPresent()) {
            outbox.defer(worker, claimed, hold.get().until(), hold.get().why());
            return CompletableFuture.completedFuture(null);
        }
        long started = System.nanoTime();
        return webhook.send(claimed.id().toString(), loaded, body).thenCompose(attempted -> {
            guards.completed(target, attempted.outcome(), Duration.ofNanos(System.nanoTime() - started));
            return finish(worker, claimed, loaded, attempted.outcome(), null, attempted.log());
        });
    }

    /** EventBridge's rule ARN, with this installation's account and region. */
    private String ruleArn(String bus, String rule) {
        return Context.ruleArn(identity.region(), identity.account(), bus, rule);
    }

    private CompletableFuture<Void> finish(String worker, ClaimedDelivery claimed, LoadDelivery.Loaded loaded,
                                           DeliveryOutcome outcome, QueueMessage onSuccess, AttemptLog log) {
        Instant now = clock.instant();
        NextAttempt.Decision decision = NextAttempt.after(outcome, claimed.attempt(), claimed.eventIngestedAt(), now,
                loaded == null ? io.eventbus.core.target.RetryPolicy.DEFAULT : loaded.retryPolicy(),
                NextAttempt.Backoff.DEFAULT, () -> ThreadLocalRandom.current().nextDouble());
        Outcome recorded;
        if (decision instanceof NextAttempt.Done) {
            recorded = new Outcome(worker, claimed, DeliveryState.DELIVERED, null, null, onSuccess, log);
        } else if (decision instanceof NextAttempt.RetryAt retry) {
            recorded = new Outcome(worker, claimed, DeliveryState.RETRYABLE, retry.at(), error(outcome), null, log);
        } else {
            String condition = ((NextAttempt.DeadLetter) decision).exhaustedRetryCondition();
            recorded = new Outcome(worker, claimed, DeliveryState.DEAD_LETTERED, null, error(outcome),
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
                        claimed.id(), claimed.ruleName(), claimed.targetId(), claimed.attempt(), error(outcome),
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
            meters.deadLettered(bus, claimed.ruleName(), claimed.targetId(), code(outcome));
        }
    }

    /** The dead-letter message: the original event, and EventBridge's attributes saying why. */
    private static QueueMessage deadLetter(ClaimedDelivery claimed, LoadDelivery.Loaded loaded, DeliveryOutcome outcome,
                                           String condition) {
        if (loaded == null || loaded.deadLetterQueue() == null) {
            return null;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("ERROR_CODE", code(outcome));
        attributes.put("ERROR_MESSAGE", message(outcome));
        attributes.put("RETRY_ATTEMPTS", Integer.toString(claimed.attempt() - 1));
        if (condition != null) {
            attributes.put("EXHAUSTED_RETRY_CONDITION", condition);
        }
        attributes.put("RULE", loaded.bus() + "/" + claimed.ruleName());
        attributes.put("TARGET", claimed.targetId());
        return new QueueMessage(loaded.deadLetterQueue(), loaded.envelope() == null ? "{}" : loaded.envelope(),
                attributes);
    }

    private static String error(DeliveryOutcome outcome) {
        return code(outcome) + ": " + message(outcome);
    }

    private static String code(DeliveryOutcome outcome) {
        if (outcome instanceof DeliveryOutcome.Retryable r) {
            return r.errorCode();
        }
        return outcome instanceof DeliveryOutcome.Permanent p ? p.errorCode() : "";
    }

    private static String message(DeliveryOutcome outcome) {
        if (outcome instanceof DeliveryOutcome.Retryable r) {
            return r.errorMessage();
        }
        return outcome instanceof DeliveryOutcome.Permanent p ? p.errorMessage() : "";
    }
}
