package io.eventbus.control.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.control.connection.ConnectionStore;
import io.eventbus.core.role.ControlRole;
import io.eventbus.core.target.NatsConfig;
import io.eventbus.core.target.TargetType;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Targets that publish to a NATS JetStream subject, acknowledged by the stream that holds it. Whether the servers
 * answer and a stream takes the subject is found out when delivering, not here.
 */
@Singleton
@ControlRole
final class NatsKind implements TargetKind {

    /** Dot-separated tokens without wildcards or white space: a subject one publishes to. */
    private static final Pattern SUBJECT = Pattern.compile("(?=.{1,255}$)[^.*>\\s]+(\\.[^.*>\\s]+)*");

    private final ObjectMapper json;
    private final ConnectionStore connections;

    NatsKind(ObjectMapper json, ConnectionStore connections) {
        this.json = json;
        this.connections = connections;
    }

    @Override
    public TargetType<NatsConfig> stored() {
        return NatsConfig.TYPE;
    }

    @Override
    public Object block(TargetRequest request) {
        return request.nats();
    }

    @Override
    public JsonNode validate(Object block, String location) {
        TargetRequest.Nats n = (TargetRequest.Nats) block;
        return json.valueToTree(new NatsConfig(
                BrokerAddresses.uris(n.servers(), location + ".servers", Set.of("nats", "tls")).trim(),
                BrokerAddresses.name(n.subject(), location + ".subject", SUBJECT,
                        "a subject to publish to: tokens separated by '.', without wildcards or spaces"),
                TargetConnections.check(connections, n.connection(), location + ".connection", true),
                Rates.check(n.rateLimitPerSecond(), location)));
    }

    @Override
    public JsonNode view(JsonNode config, boolean revealSecrets) {
        return config;
    }

    @Override
    public Optional<String> connection(JsonNode config) {
        return Optional.ofNullable(NatsConfig.TYPE.parse(config).connection());
    }

    @Override
    public String destination(JsonNode config) {
        NatsConfig c = NatsConfig.TYPE.parse(config);
        return "NATS subject '" + c.subject() + "' at " + c.servers() + " (JetStream)";
    }
}
