package io.eventbus.control.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.control.connection.ConnectionStore;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.ControlRole;
import io.eventbus.core.target.RabbitMqConfig;
import io.eventbus.core.target.TargetType;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Targets that publish to a RabbitMQ exchange, persistent and confirmed, with a static routing key or one read from
 * the event. Whether the broker answers and the exchange exists is found out when delivering (a missing exchange is
 * a permanent failure then), not here.
 */
@Singleton
@ControlRole
final class RabbitMqKind implements TargetKind {

    private static final Pattern EXCHANGE = Pattern.compile("[A-Za-z0-9_.:-]{0,255}");
    private static final int MAX_ROUTING_KEY = 255;

    private final ObjectMapper json;
    private final ConnectionStore connections;

    RabbitMqKind(ObjectMapper json, ConnectionStore connections) {
        this.json = json;
        this.connections = connections;
    }

    @Override
    public TargetType<RabbitMqConfig> stored() {
        return RabbitMqConfig.TYPE;
    }

    @Override
    public Object block(TargetRequest request) {
        return request.rabbitmq();
    }

    @Override
    public JsonNode validate(Object block, String location) {
        TargetRequest.RabbitMq r = (TargetRequest.RabbitMq) block;
        BrokerAddresses.uri(r.uri(), location + ".uri", Set.of("amqp", "amqps"));
        if (r.routingKey() != null && r.routingKeyPath() != null) {
            throw new ValidationError(location + ".routingKeyPath", location + " may have routingKey or routingKeyPath,"
                    + " not both");
        }
        String key = r.routingKey() == null ? null
                : BrokerAddresses.text(r.routingKey(), location + ".routingKey", MAX_ROUTING_KEY, true);
        String keyPath = r.routingKeyPath() == null ? null
                : ValidateTarget.jsonPath(r.routingKeyPath(), location + ".routingKeyPath");
        return json.valueToTree(new RabbitMqConfig(r.uri().trim(),
                TargetConnections.check(connections, r.connection(), location + ".connection", true),
                BrokerAddresses.name(r.exchange(), location + ".exchange", EXCHANGE,
                        "at most 255 letters, digits, '-', '_', '.' or ':' (\"\" for the default exchange)"),
                key, keyPath, Rates.check(r.rateLimitPerSecond(), location)));
    }

    @Override
    public JsonNode view(JsonNode config, boolean revealSecrets) {
        return config;
    }

    @Override
    public Optional<String> connection(JsonNode config) {
        return Optional.ofNullable(RabbitMqConfig.TYPE.parse(config).connection());
    }

    @Override
    public String destination(JsonNode config) {
        RabbitMqConfig c = RabbitMqConfig.TYPE.parse(config);
        String key = c.routingKeyPath() != null ? "the routing key at " + c.routingKeyPath() + " of the event"
                : "routing key '" + (c.routingKey() == null ? "" : c.routingKey()) + "'";
        return "RabbitMQ exchange '" + c.exchange() + "' at " + c.uri() + ", " + key;
    }
}
