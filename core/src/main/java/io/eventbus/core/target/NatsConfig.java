package io.eventbus.core.target;

/**
 * A target that publishes to a NATS JetStream subject ({@code target.config}).
 *
 * @param servers    {@code nats://host:port[,nats://host:port...]}
 * @param connection the name of a BASIC connection whose username and password log in, or null
 */
public record NatsConfig(String servers, String subject, String connection, Integer rateLimitPerSecond)
        implements TargetConfig {

    public static final TargetType<NatsConfig> TYPE = new TargetType<>("nats", NatsConfig::read);

    private static NatsConfig read(StoredFields stored) {
        return new NatsConfig(stored.text("servers"), stored.text("subject"), stored.optionalText("connection", null),
                stored.optionalInt("rateLimitPerSecond", null));
    }
}
