package io.eventbus.data.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.connection.AuthorizationType;
import io.eventbus.core.target.RetryPolicy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads what the attempts of a batch need ({@link Outbox#load}), in one statement per kind of delivery: a first
 * attempt handed off with its event (docs/adr/0008) reads only its target, each target of the batch once; any other
 * reads the delivery as stored, with its event and its last error.
 */
final class ReadAttempts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String COLUMNS = """
            t.type, t.config::text, t.input_shaping::text, t.maximum_retry_attempts, t.maximum_event_age_seconds,
            coalesce(tq.name, bq.name), b.name, c.id, c.version, c.name, c.authorization_type, c.parameters::text,
            c.secret
            """;
    private static final String TARGET_JOINS = """
            LEFT JOIN target t ON t.rule_id = r.id AND t.target_id = %s.target_id
            LEFT JOIN queue tq ON tq.id = t.dead_letter_queue_id
            LEFT JOIN queue bq ON bq.id = b.dead_letter_queue_id
            LEFT JOIN connection c ON c.id = t.connection_id
            """;
    private static final String SELECT_STORED = "SELECT d.id, e.envelope, d.last_error, " + COLUMNS + """
            FROM delivery d
            JOIN bus b ON b.id = d.bus_id
            LEFT JOIN event e ON e.id = d.event_id AND e.ingested_at = d.event_ingested_at
            LEFT JOIN rule r ON r.bus_id = d.bus_id AND r.name = d.rule_name
            """ + TARGET_JOINS.formatted("d") + "WHERE d.id = ANY(?)";
    /** A replayed delivery is not stored before its first attempt (docs/adr/0016): its target is read by name. */
    private static final String SELECT_TARGETS = "SELECT k.n, NULL, NULL, " + COLUMNS + """
            FROM unnest(?::bigint[], ?::text[], ?::text[]) WITH ORDINALITY AS k(bus_id, rule_name, target_id, n)
            JOIN bus b ON b.id = k.bus_id
            LEFT JOIN rule r ON r.bus_id = k.bus_id AND r.name = k.rule_name
            """ + TARGET_JOINS.formatted("k");

    private ReadAttempts() {
    }

    /** What each of {@code claimed} needs, by delivery id; a delivery missing from the answer no longer exists. */
    static Map<UUID, StoredAttempt> read(Connection c, List<ClaimedDelivery> claimed) throws SQLException {
        List<ClaimedDelivery> inHand = claimed.stream().filter(ReadAttempts::inHand).toList();
        Map<UUID, StoredAttempt> read = inHand.isEmpty() ? new HashMap<>() : targets(c, inHand);
        if (inHand.size() < claimed.size()) {
            read.putAll(stored(c, claimed.stream().filter(d -> !inHand(d)).toList()));
        }
        return read;
    }

    /** A first attempt handed off with its event: only its target needs reading. */
    private static boolean inHand(ClaimedDelivery d) {
        return d.envelope() != null && d.attempt() == 1;
    }

    private static Map<UUID, StoredAttempt> targets(Connection c, List<ClaimedDelivery> inHand) throws SQLException {
        Map<String, ClaimedDelivery> byTarget = new LinkedHashMap<>();
        inHand.forEach(d -> byTarget.putIfAbsent(d.targetKey(), d));
        List<ClaimedDelivery> targets = List.copyOf(byTarget.values());
        Map<String, StoredAttempt> read = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_TARGETS)) {
            ps.setArray(1, c.createArrayOf("bigint", targets.stream().map(ClaimedDelivery::busId).toArray()));
            ps.setArray(2, c.createArrayOf("text", targets.stream().map(ClaimedDelivery::ruleName).toArray()));
            ps.setArray(3, c.createArrayOf("text", targets.stream().map(ClaimedDelivery::targetId).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    read.put(targets.get(rs.getInt(1) - 1).targetKey(), attempt(rs));
                }
            }
        }
        Map<UUID, StoredAttempt> loaded = new HashMap<>();
        for (ClaimedDelivery d : inHand) {
            StoredAttempt t = read.get(d.targetKey());
            if (t != null) {
                loaded.put(d.id(), new StoredAttempt(d.envelope(), t.type(), t.config(), t.inputShaping(),
                        t.retryPolicy(), t.deadLetterQueue(), t.bus(), null, t.connection()));
            }
        }
        return loaded;
    }

    private static Map<UUID, StoredAttempt> stored(Connection c, List<ClaimedDelivery> claimed) throws SQLException {
        Map<UUID, StoredAttempt> loaded = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_STORED)) {
            ps.setArray(1, c.createArrayOf("uuid", claimed.stream().map(ClaimedDelivery::id).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    loaded.put(rs.getObject(1, UUID.class), attempt(rs));
                }
            }
        }
        return loaded;
    }

    /** One row: column 2 the envelope, 3 the last error, then {@link #COLUMNS}. */
    private static StoredAttempt attempt(ResultSet rs) throws SQLException {
        String type = rs.getString(4);
        RetryPolicy policy = type == null ? RetryPolicy.DEFAULT : new RetryPolicy(rs.getInt(7), rs.getInt(8));
        return new StoredAttempt(rs.getString(2), type, rs.getString(5), rs.getString(6), policy, rs.getString(9),
                rs.getString(10), rs.getString(3), connection(rs));
    }

    private static StoredConnection connection(ResultSet rs) throws SQLException {
        long id = rs.getLong(11);
        if (rs.wasNull()) {
            return null;
        }
        return new StoredConnection(id, rs.getLong(12), rs.getString(13), AuthorizationType.valueOf(rs.getString(14)),
                json(rs.getString(15)), rs.getString(16));
    }

    private static JsonNode json(String text) throws SQLException {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SQLException("a connection's stored parameters are not JSON", e);
        }
    }
}
