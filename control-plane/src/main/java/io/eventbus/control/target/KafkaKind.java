package io.eventbus.control.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.role.ControlRole;
import io.eventbus.core.target.KafkaConfig;
import io.eventbus.core.target.TargetType;
import jakarta.inject.Singleton;

import java.util.regex.Pattern;

/**
 * Targets that produce to a Kafka topic (acks=all, idempotent), keyed by a value of the event or not at all. Whether
 * the brokers answer and the topic exists is found out when delivering, not here.
 */
@Singleton
@ControlRole
final class KafkaKind implements TargetKind {

    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    private final ObjectMapper json;

    KafkaKind(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public TargetType<KafkaConfig> stored() {
        return KafkaConfig.TYPE;
    }

    @Override
    public Object block(TargetRequest request) {
        return request.kafka();
    }

    @Override
    public JsonNode validate(Object block, String location) {
        TargetRequest.Kafka k = (TargetRequest.Kafka) block;
        return json.valueToTree(new KafkaConfig(
                BrokerAddresses.hostPorts(k.bootstrapServers(), location + ".bootstrapServers").trim(),
                BrokerAddresses.name(k.topic(), location + ".topic", TOPIC,
                        "1 to 249 letters, digits, '.', '_' or '-'"),
                k.keyPath() == null ? null : ValidateTarget.jsonPath(k.keyPath(), location + ".keyPath"),
                Rates.check(k.rateLimitPerSecond(), location)));
    }

    @Override
    public JsonNode view(JsonNode config, boolean revealSecrets) {
        return config;
    }

    @Override
    public String destination(JsonNode config) {
        KafkaConfig c = KafkaConfig.TYPE.parse(config);
        return "Kafka topic '" + c.topic() + "' at " + c.bootstrapServers()
                + (c.keyPath() == null ? ", without a key" : ", keyed by " + c.keyPath() + " of the event");
    }
}
