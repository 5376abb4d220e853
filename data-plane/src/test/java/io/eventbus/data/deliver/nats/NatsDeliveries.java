package io.eventbus.data.deliver.nats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.secret.Secrets;
import io.eventbus.core.testing.TestDatabase;
import io.eventbus.data.ingest.AcceptEvents;
import io.eventbus.data.ingest.Entry;
import io.eventbus.data.ingest.ParsedEntry;
import io.eventbus.data.match.MatchRules;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Eventbus side of the NATS target tests, in the test database: a rule of the {@code default} bus with a nats
 * target (and a BASIC connection), events put on the bus, and their deliveries and dead letters as stored. The
 * bus' dead-letter queue is {@code dlq}.
 */
final class NatsDeliveries {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestDatabase db = TestDatabase.get();
    private final AcceptEvents accept;
    private final MatchRules match;
    private final Secrets secrets;

    NatsDeliveries(AcceptEvents accept, MatchRules match, Secrets secrets) {
        this.accept = accept;
        this.match = match;
        this.secrets = secrets;
    }

    /** The bus' dead-letter queue; to call once per test, after the database was cleaned. */
    void deadLetterQueue() {
        db.execute("INSERT INTO queue (name) VALUES ('dlq')");
        db.execute("UPDATE bus SET dead_letter_queue_id = (SELECT id FROM queue WHERE name = 'dlq')");
    }

    /** Rule {@code orders} (events of source {@code shop}) with a nats target, retried up to 20 times. */
    void target(String target, String servers, String subject, String connection) {
        db.execute("INSERT INTO rule (bus_id, name, event_pattern) SELECT id, 'orders', '{\"source\": [\"shop\"]}'"
                + " FROM bus WHERE name = 'default' ON CONFLICT DO NOTHING");
        String config = JSON.createObjectNode().put("servers", servers).put("subject", subject)
                .put("connection", connection).toString();
        db.execute("""
                INSERT INTO target (rule_id, target_id, position, type, config, maximum_retry_attempts, connection_id)
                SELECT r.id, ?, 0, 'nats', CAST(? AS jsonb), 20, (SELECT id FROM connection WHERE name = ?)
                FROM rule r WHERE r.name = 'orders'
                """, target, config, connection);
        match.refresh("default");
    }

    /** A BASIC connection, its password encrypted as the control plane stores it. */
    void connection(String name, String username, String password) {
        db.execute("INSERT INTO connection (name, authorization_type, parameters, secret)"
                        + " VALUES (?, 'BASIC', CAST(? AS jsonb), ?)", name,
                JSON.createObjectNode().put("username", username).toString(), secrets.encrypt(password));
    }

    /** Changes a connection as the control plane does: new content, a new version, the rules told. */
    void changeConnection(String name, String username, String password) {
        db.execute("UPDATE connection SET parameters = CAST(? AS jsonb), secret = ?, version = version + 1"
                        + " WHERE name = ?", JSON.createObjectNode().put("username", username).toString(),
                secrets.encrypt(password), name);
        match.refresh("default");
    }

    /** Puts an event of source {@code shop}; its id. */
    String put(String detailType) throws Exception {
        return accept.accept("default", List.of(ParsedEntry.ok(new Entry("shop", detailType, "{\"total\": 12}",
                List.of(), null, null)))).get().entries().get(0).eventId().toString();
    }

    /** The event as stored: what a target without input shaping gets. */
    String envelope(String eventId) {
        return db.strings("SELECT envelope FROM event WHERE id = ?::uuid", eventId).get(0);
    }

    String deliveryOf(String eventId) {
        return db.strings("SELECT id FROM delivery WHERE event_id = ?::uuid", eventId).get(0);
    }

    /** The states of the target's deliveries, sorted. */
    List<String> states(String target) {
        return db.strings("SELECT state FROM delivery WHERE target_id = ? ORDER BY state", target);
    }

    String state(String deliveryId) {
        return db.strings("SELECT state FROM delivery WHERE id = ?::uuid", deliveryId).get(0);
    }

    String lastError(String deliveryId) {
        return db.strings("SELECT last_error FROM delivery WHERE id = ?::uuid", deliveryId).get(0);
    }

    /** Each attempt's error ({@code -} when delivered), in order. */
    List<String> attemptErrors(String deliveryId) {
        return db.strings("SELECT coalesce(error, '-') FROM delivery_attempt WHERE delivery_id = ?::uuid ORDER BY attempt",
                deliveryId);
    }

    /** Each attempt's response, in order. */
    List<String> attemptResponses(String deliveryId) {
        return db.strings("SELECT response FROM delivery_attempt WHERE delivery_id = ?::uuid ORDER BY attempt",
                deliveryId);
    }

    /** How long each attempt took, in order. */
    List<Integer> attemptMillis(String deliveryId) {
        return db.strings("SELECT latency_ms FROM delivery_attempt WHERE delivery_id = ?::uuid ORDER BY attempt",
                deliveryId).stream().map(Integer::valueOf).toList();
    }

    /** The attributes of the messages in the dead-letter queue. */
    List<JsonNode> deadLetters() throws IOException {
        List<JsonNode> attributes = new ArrayList<>();
        for (String a : db.strings("SELECT attributes::text FROM queue_message m JOIN queue q ON q.id = m.queue_id"
                + " WHERE q.name = 'dlq'")) {
            attributes.add(JSON.readTree(a));
        }
        return attributes;
    }
}
