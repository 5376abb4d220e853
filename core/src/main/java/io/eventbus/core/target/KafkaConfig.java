package io.eventbus.core.target;

/**
 * A target that produces to a Kafka topic ({@code target.config}).
 *
 * @param bootstrapServers {@code host:port[,host:port...]}
 * @param keyPath          a JSONPath of the event whose value is the record key, or null for records without a key
 */
public record KafkaConfig(String bootstrapServers, String topic, String keyPath, Integer rateLimitPerSecond)
        implements TargetConfig {

    public static final TargetType<KafkaConfig> TYPE = new TargetType<>("kafka", KafkaConfig::read);

    private static KafkaConfig read(StoredFields stored) {
        return new KafkaConfig(stored.text("bootstrapServers"), stored.text("topic"),
                stored.optionalText("keyPath", null), stored.optionalInt("rateLimitPerSecond", null));
    }
}
