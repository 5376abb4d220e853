package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.util.Objects;

/**
 * One target of a rule: where matched events go (a {@link #webhook}, a {@link #queue}, another {@link #bus}, a
 * {@link #rabbitmq} exchange, a {@link #kafka} topic or a {@link #nats} subject, named by {@code type}), what is
 * delivered (the whole event, or an {@link InputShaping}), how deliveries are retried, and the dead-letter queue of
 * deliveries that fail for good. Build one with the factory of its kind ({@link #webhook(String, Webhook)},
 * {@link #queue(String, String)}, {@link #bus(String, String)}, ...) and the {@code with...} methods. Immutable.
 *
 * <pre>{@code
 * Target billing = Target.webhook("billing", Webhook.to("https://billing.example.com/hooks").build())
 *         .withRetryPolicy(new RetryPolicy(10, 3600))
 *         .withDeadLetterQueue("billing-dlq")
 *         .withInput(InputShaping.path("$.detail"));
 * }</pre>
 *
 * @param id               unique within the rule
 * @param type             {@code webhook}, {@code queue}, {@code bus}, {@code rabbitmq}, {@code kafka} or {@code nats};
 *                         the settings are in the component of that name
 * @param input            constant JSON delivered instead of the event, as JSON text; or null
 * @param inputPath        the JSON path of the part of the event delivered; or null
 * @param inputTransformer an input transformer; or null
 * @param retryPolicy      null: 185 retries within 24 h
 * @param deadLetterQueue  the queue that receives deliveries that fail for good; null: the bus's, if it has one
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Target(String id, String type, Webhook webhook, QueueTarget queue, BusTarget bus,
                     RabbitMqTarget rabbitmq, KafkaTarget kafka, NatsTarget nats,
                     @JsonRawValue @JsonDeserialize(using = RawJson.class) String input, String inputPath,
                     InputTransformer inputTransformer, RetryPolicy retryPolicy, String deadLetterQueue) {

    /** A webhook target with id {@code id}. */
    public static Target webhook(String id, Webhook webhook) {
        return of(id, "webhook", Objects.requireNonNull(webhook, "webhook"), null, null, null, null, null);
    }

    /** A target with id {@code id} that sends events to built-in queue {@code queue}. */
    public static Target queue(String id, String queue) {
        return of(id, "queue", null, new QueueTarget(Objects.requireNonNull(queue, "queue")), null, null, null, null);
    }

    /** A target with id {@code id} that puts events on bus {@code bus} of the installation (no input shaping). */
    public static Target bus(String id, String bus) {
        return of(id, "bus", null, null, new BusTarget(Objects.requireNonNull(bus, "bus"), null), null, null, null);
    }

    /** A target with id {@code id} that publishes events to a RabbitMQ exchange. */
    public static Target rabbitmq(String id, RabbitMqTarget rabbitmq) {
        return of(id, "rabbitmq", null, null, null, Objects.requireNonNull(rabbitmq, "rabbitmq"), null, null);
    }

    /** A target with id {@code id} that produces events to a Kafka topic. */
    public static Target kafka(String id, KafkaTarget kafka) {
        return of(id, "kafka", null, null, null, null, Objects.requireNonNull(kafka, "kafka"), null);
    }

    /** A target with id {@code id} that publishes events to a NATS JetStream subject. */
    public static Target nats(String id, NatsTarget nats) {
        return of(id, "nats", null, null, null, null, null, Objects.requireNonNull(nats, "nats"));
    }

    private static Target of(String id, String type, Webhook webhook, QueueTarget queue, BusTarget bus,
                             RabbitMqTarget rabbitmq, KafkaTarget kafka, NatsTarget nats) {
        return new Target(Objects.requireNonNull(id, "id"), type, webhook, queue, bus, rabbitmq, kafka, nats, null,
                null, null, null, null);
    }

    /** This target delivering what {@code shaping} makes of each event; null: the whole event. */
    public Target withInput(InputShaping shaping) {
        return shaping == null
                ? new Target(id, type, webhook, queue, bus, rabbitmq, kafka, nats, null, null, null, retryPolicy,
                deadLetterQueue)
                : new Target(id, type, webhook, queue, bus, rabbitmq, kafka, nats, shaping.input(), shaping.inputPath(),
                shaping.inputTransformer(), retryPolicy, deadLetterQueue);
    }

    /** This target with {@code policy}. */
    public Target withRetryPolicy(RetryPolicy policy) {
        return new Target(id, type, webhook, queue, bus, rabbitmq, kafka, nats, input, inputPath, inputTransformer,
                policy, deadLetterQueue);
    }

    /** This target with dead-letter queue {@code queueName}. */
    public Target withDeadLetterQueue(String queueName) {
        return new Target(id, type, webhook, queue, bus, rabbitmq, kafka, nats, input, inputPath, inputTransformer,
                retryPolicy, queueName);
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
                : new Target(id, type, webhook.forRequest(), queue, bus, rabbitmq, kafka, nats, input, inputPath,
                inputTransformer, retryPolicy, deadLetterQueue);
    }
}
