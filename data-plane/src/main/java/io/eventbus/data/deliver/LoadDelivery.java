package io.eventbus.data.deliver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.connection.AuthorizationType;
import io.eventbus.core.role.DataRole;
import io.eventbus.core.target.RetryPolicy;
import io.eventbus.data.outbox.ClaimedDelivery;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads what an attempt needs: the event, the target as configured now, its retry policy and dead-letter queue,
 * the connection it authenticates with (its secret still encrypted), and how the previous attempt ended.
 */
@Singleton
@DataRole
class LoadDelivery {

    private static final String SELECT = """
            SELECT d.id, e.envelope, t.type, t.config::text, t.input_shaping::text, t.maximum_retry_attempts,
                   t.maximum_event_age_seconds, coalesce(tq.name, bq.name), b.name, d.last_error,
                   c.id, c.version, c.name, c.authorization_type, c.parameters::text, c.secret
            FROM delivery d
            JOIN bus b ON b.id = d.bus_id
            LEFT JOIN event e ON e.id = d.event_id AND e.ingested_at = d.event_ingested_at
            LEFT JOIN rule r ON r.bus_id = d.bus_id AND r.name = d.rule_name
            LEFT JOIN target t ON t.rule_id = r.id AND t.target_id = d.target_id
            LEFT JOIN queue tq ON tq.id = t.dead_letter_queue_id
            LEFT JOIN queue bq ON bq.id = b.dead_letter_queue_id
            LEFT JOIN connection c ON c.id = t.connection_id
            WHERE d.id = ANY(?)
            """;

    /**
     * @param envelope        null when the event is gone (retention)
     * @param type            null when the rule or target was deleted since
     * @param deadLetterQueue the target's, else the bus' default; null when neither has one
     * @param lastError       how the previous attempt failed ({@code CODE: message}), null before the first
     * @param connection      the connection of a webhook target, or null
     */
    record Loaded(String envelope, String type, JsonNode config, JsonNode inputShaping, RetryPolicy retryPolicy,
                  String deadLetterQueue, String bus, String lastError, StoredConnection connection) {
    }

    /**
     * A connection as stored; {@code version} changes with every update, so (id, version) names its content.
     *
     * @param encryptedSecret the password, API key value or client secret, as {@code Secrets} stored it
     */
    record StoredConnection(long id, long version, String name, AuthorizationType type, JsonNode parameters,
                            String encryptedSecret) {

        @Override
        public String toString() {
            return "connection " + name + " (" + type + ", version " + version + ")";
        }
    }

    private final JdbcOperations jdbc;
    private final ObjectMapper json;

    LoadDelivery(JdbcOperations jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Reads what the attempts of {@code claimed} need, in one statement. A delivery missing from the answer no longer
     * exists.
     */
    @Transactional(readOnly = true)
    Map<UUID, Loaded> load(List<ClaimedDelivery> claimed) {
        return jdbc.prepareStatement(SELECT, ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", claimed.stream().map(ClaimedDelivery::id).toArray()));
            Map<UUID, Loaded> loaded = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    RetryPolicy policy = rs.getString(3) == null ? RetryPolicy.DEFAULT
                            : new RetryPolicy(rs.getInt(6), rs.getInt(7));
                    loaded.put(rs.getObject(1, UUID.class), new Loaded(rs.getString(2), rs.getString(3),
                            parse(rs.getString(4)), parse(rs.getString(5)), policy, rs.getString(8), rs.getString(9),
                            rs.getString(10), connection(rs)));
                }
            }
            return loaded;
        });
    }

    private StoredConnection connection(ResultSet rs) throws SQLException {
        long id = rs.getLong(11);
        if (rs.wasNull()) {
            return null;
        }
        return new StoredConnection(id, rs.getLong(12), rs.getString(13), AuthorizationType.valueOf(rs.getString(14)),
                parse(rs.getString(15)), rs.getString(16));
    }

    private JsonNode parse(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not JSON", e);
        }
    }
}
