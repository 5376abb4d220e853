package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The settings of a NATS target: JetStream publishes to a subject.
 *
 * @param servers            {@code nats://host:port[,nats://host:port...]}
 * @param connection         the name of a BASIC connection whose username and password log in; or null
 * @param rateLimitPerSecond deliveries a second at most; null for no limit
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NatsTarget(String servers, String subject, String connection, Integer rateLimitPerSecond) {
}
