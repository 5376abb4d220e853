package io.eventbus.control.target;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.core.target.InputTransformer;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * One target of a rule as clients send it. {@code type} names the kind, and the block of the same name holds
 * its settings ({@code webhook}, {@code queue}, {@code bus}, {@code rabbitmq}, {@code kafka}, {@code nats}). At most one of
 * {@code input}, {@code inputPath}, {@code inputTransformer} shapes what is delivered.
 */
public record TargetRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "[A-Za-z0-9._-]{1,64}") String id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, type = "string", allowableValues = {"webhook", "queue", "bus", "rabbitmq", "kafka", "nats"}) String type,
        Webhook webhook,
        Queue queue,
        Bus bus,
        RabbitMq rabbitmq,
        Kafka kafka,
        Nats nats,
        @Schema(description = "constant JSON delivered instead of the event") JsonNode input,
        @Schema(description = "JSONPath of the part of the event to deliver, e.g. $.detail") String inputPath,
        InputTransformer inputTransformer,
        RetryPolicy retryPolicy,
        @Schema(description = "queue that receives deliveries that fail for good") String deadLetterQueue) {

    /**
     * @param signingSecret          a Standard Webhooks secret, {@code whsec_} + base64 of 24 to 64 bytes
     * @param generateSigningSecret  true to have one generated; it is shown once, in the answer to this request.
     *                               Neither given: the target keeps the secret it had.
     * @param previousSigningSecrets secrets receivers still accept during a rotation; deliveries are signed with
     *                               these too. Not given: kept when the signing secret is kept, dropped when it
     *                               changes; {@code []} drops them.
     * @param connection             the name of a connection that authenticates the deliveries
     */
    public record Webhook(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String url,
            @Schema(type = "string", allowableValues = {"POST", "PUT", "PATCH"}, defaultValue = "POST") String method,
            @Schema(minimum = "100", maximum = "60000", defaultValue = "10000") Integer timeoutMillis,
            Map<String, String> headers,
            @Schema(description = "write-only; never returned") String signingSecret,
            Boolean generateSigningSecret,
            @Schema(description = "write-only; at most 3") List<String> previousSigningSecrets,
            @Schema(minimum = "1", maximum = "10000") Integer rateLimitPerSecond,
            @Schema(pattern = "[A-Za-z0-9._-]{1,64}") String connection,
            @Schema(type = "string", allowableValues = {"EVENTBRIDGE", "CLOUDEVENTS_BINARY"}, defaultValue = "EVENTBRIDGE",
                    description = "CLOUDEVENTS_BINARY: CloudEvents 1.0 in HTTP binary mode (ce-* headers, the data as body)")
            String format) {
    }

    public record Queue(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name) {
    }

    /** Another bus of this installation; the event is forwarded as it is (no input shaping). */
    public record Bus(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
                      @Schema(minimum = "1", maximum = "10000") Integer rateLimitPerSecond) {
    }

    /**
     * @param uri            amqp:// or amqps://host[:port][/vhost], without credentials
     * @param connection     a BASIC connection whose username and password log in
     * @param exchange       "" for the default exchange
     * @param routingKey     a static routing key; or
     * @param routingKeyPath a JSONPath of the event whose value is the routing key; neither: ""
     */
    public record RabbitMq(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String uri,
                           @Schema(pattern = "[A-Za-z0-9._-]{1,64}") String connection,
                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 255) String exchange,
                           @Schema(maxLength = 255) String routingKey,
                           String routingKeyPath,
                           @Schema(minimum = "1", maximum = "10000") Integer rateLimitPerSecond) {
    }

    /**
     * @param bootstrapServers host:port[,host:port...]
     * @param keyPath          a JSONPath of the event whose value is the record key; none: records without a key
     */
    public record Kafka(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String bootstrapServers,
                        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "[A-Za-z0-9._-]{1,249}") String topic,
                        String keyPath,
                        @Schema(minimum = "1", maximum = "10000") Integer rateLimitPerSecond) {
    }

    /**
     * @param servers    nats://host:port[,nats://host:port...]
     * @param subject    a subject a JetStream stream takes (no wildcards)
     * @param connection a BASIC connection whose username and password log in
     */
    public record Nats(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String servers,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String subject,
                       @Schema(pattern = "[A-Za-z0-9._-]{1,64}") String connection,
                       @Schema(minimum = "1", maximum = "10000") Integer rateLimitPerSecond) {
    }

    public record RetryPolicy(
            @Schema(minimum = "0", maximum = "185", defaultValue = "185") Integer maximumRetryAttempts,
            @Schema(minimum = "60", maximum = "86400", defaultValue = "86400") Integer maximumEventAgeInSeconds) {
    }
}
