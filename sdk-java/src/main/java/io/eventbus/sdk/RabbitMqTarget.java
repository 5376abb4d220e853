package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The settings of a RabbitMQ target: confirmed, persistent publishes to an exchange.
 *
 * @param uri                {@code amqp://} or {@code amqps://host[:port][/vhost]}, without credentials
 * @param connection         the name of a BASIC connection whose username and password log in; or null
 * @param exchange           the exchange; {@code ""} is the default exchange
 * @param routingKey         a static routing key; or null
 * @param routingKeyPath     a JSONPath of the event whose value is the routing key; or null (neither: {@code ""})
 * @param rateLimitPerSecond deliveries a second at most; null for no limit
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RabbitMqTarget(String uri, String connection, String exchange, String routingKey, String routingKeyPath,
                             Integer rateLimitPerSecond) {
}
