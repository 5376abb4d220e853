package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.util.Objects;

/**
 * One target of a rule: where matched events go ({@link #webhook} or {@link #queue}, named by {@code type}), what
 * is delivered (the whole event, or an {@link InputShaping}), how deliveries are retried, and the dead-letter
 * queue of deliveries that fail for good. Build one with {@link #webhook(String, Webhook)} or
 * {@link #queue(String, String)} and the {@code with...} methods. Immutable.
 *
 * <pre>{@code
 * Target billing = Target.webhook("billing", Webhook.to("https://billing.example.com/hooks").build())
 *         .withRetryPolicy(new RetryPolicy(10, 3600))
 *         .withDeadLetterQueue("billing-dlq")
 *         .withInput(InputShaping.path("$.detail"));
 * }</pre>
 *
 * @param id               unique within the rule
 * @param type             {@code webhook} or {@code queue}
 * @param input            constant JSON delivered instead of the event, as JSON text; or null
 * @param inputPath        the JSON path of the part of the event delivered; or null
 * @param inputTransformer an input transformer; or null
 * @param retryPolicy      null: 185 retries within 24 h
 * @param deadLetterQueue  the queue that receives deliveries that fail for good; null: the bus's, if it has one
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Target(String id, String type, Webhook webhook, QueueTarget queue,
                     @JsonRawValue @JsonDeserialize(using = RawJson.class) String input, String inputPath,
                     InputTransformer inputTransformer, RetryPolicy retryPolicy, String deadLetterQueue) {

    /** A webhook target with id {@code id}. */
    public static Target webhook(String id, Webhook webhook) {
        return new Target(Objects.requireNonNull(id, "id"), "webhook", Objects.requireNonNull(webhook, "webhook"),
                null, null, null, null, null, null);
    }

    /** A target with id {@code id} that sends events to built-in queue {@code queue}. */
    public static Target queue(String id, String queue) {
        return new Target(Objects.requireNonNull(id, "id"), "queue", null,
                new QueueTarget(Objects.requireNonNull(queue, "queue")), null, null, null, null, null);
    }

    /** This target delivering what {@code shaping} makes of each event; null: the whole event. */
    public Target withInput(InputShaping shaping) {
        return shaping == null
                ? new Target(id, type, webhook, queue, null, null, null, retryPolicy, deadLetterQueue)
                : new Target(id, type, webhook, queue, shaping.input(), shaping.inputPath(),
                shaping.inputTransformer(), retryPolicy, deadLetterQueue);
    }

    /** This target with {@code policy}. */
    public Target withRetryPolicy(RetryPolicy policy) {
        return new Target(id, type, webhook, queue, input, inputPath, inputTransformer, policy, deadLetterQueue);
    }

    /** This target with dead-letter queue {@code queueName}. */
    public Target withDeadLetterQueue(String queueName) {
        return new Target(id, type, webhook, queue, input, inputPath, inputTransformer, retryPolicy, queueName);
    }

    /** What is delivered instead of the whole event, or null. */
    @JsonIgnore
    public InputShaping inputShaping() {
        if (input != null) {
            return InputShaping.constant(input);
        }
        if (inputPath != null) {
            return InputShaping.path(inputPath);
        }
        return inputTransformer == null ? null
                : InputShaping.transformer(inputTransformer.inputPathsMap(), inputTransformer.inputTemplate());
    }

    /** This target as a request sends it (a rule read back and put again keeps its secrets). */
    Target forRequest() {
        return webhook == null ? this
                : new Target(id, type, webhook.forRequest(), queue, input, inputPath, inputTransformer, retryPolicy,
                deadLetterQueue);
    }
}
