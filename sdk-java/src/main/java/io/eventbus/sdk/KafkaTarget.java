package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The settings of a Kafka target: records to a topic, acknowledged by all in-sync replicas.
 *
 * @param bootstrapServers   {@code host:port[,host:port...]}
 * @param keyPath            a JSONPath of the event whose value is the record key; or null for records without a key
 * @param rateLimitPerSecond deliveries a second at most; null for no limit
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KafkaTarget(String bootstrapServers, String topic, String keyPath, Integer rateLimitPerSecond) {
}
