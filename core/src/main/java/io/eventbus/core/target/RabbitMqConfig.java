package io.eventbus.core.target;

/**
 * A target that publishes to a RabbitMQ exchange ({@code target.config}).
 *
 * @param uri            {@code amqp://} or {@code amqps://host[:port][/vhost]}, without credentials
 * @param connection     the name of a BASIC connection whose username and password log in, or null (guest)
 * @param exchange       the exchange; {@code ""} is the default exchange
 * @param routingKey     a static routing key, or null
 * @param routingKeyPath a JSONPath of the event whose value is the routing key, or null; neither: {@code ""}
 */
public record RabbitMqConfig(String uri, String connection, String exchange, String routingKey, String routingKeyPath,
                             Integer rateLimitPerSecond) implements TargetConfig {

    public static final TargetType<RabbitMqConfig> TYPE = new TargetType<>("rabbitmq", RabbitMqConfig::read);

    private static RabbitMqConfig read(StoredFields stored) {
        return new RabbitMqConfig(stored.text("uri"), stored.optionalText("connection", null),
                stored.text("exchange"), stored.optionalText("routingKey", null),
                stored.optionalText("routingKeyPath", null), stored.optionalInt("rateLimitPerSecond", null));
    }
}
