package io.eventbus.data.deliver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.connection.AuthorizationType;
import io.eventbus.core.role.DataRole;
import io.eventbus.core.target.RetryPolicy;
import io.eventbus.data.match.BusRules;
import io.eventbus.data.match.MatchRules;
import io.eventbus.data.outbox.ClaimedDelivery;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads what an attempt needs: the event, the target as configured now, its retry policy and dead-letter queue,
 * the connection it authenticates with (its secret still encrypted), and how the previous attempt ended; for a
 * whole batch in one statement. A first attempt handed off with its event (docs/adr/0008) reads only its target (each
 * target of a batch once), and nothing when its target was read less than {@link #FRESH} ago and the bus' rules were not rebuilt since (the control plane
 * announces every change of a bus' rules, targets and their connections, {@link MatchRules}). Thread-safe.
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
     * What first attempts handed off with their event need: the targets alone, by (bus, rule, target). A replayed
     * delivery is not stored before its first attempt (docs/adr/0016), so it cannot be read by its id.
     */
    private static final String SELECT_TARGETS = """
            SELECT k.n, NULL, t.type, t.config::text, t.input_shaping::text, t.maximum_retry_attempts,
                   t.maximum_event_age_seconds, coalesce(tq.name, bq.name), b.name, NULL,
                   c.id, c.version, c.name, c.authorization_type, c.parameters::text, c.secret
            FROM unnest(?::bigint[], ?::text[], ?::text[]) WITH ORDINALITY AS k(bus_id, rule_name, target_id, n)
            JOIN bus b ON b.id = k.bus_id
            LEFT JOIN rule r ON r.bus_id = k.bus_id AND r.name = k.rule_name
            LEFT JOIN target t ON t.rule_id = r.id AND t.target_id = k.target_id
            LEFT JOIN queue tq ON tq.id = t.dead_letter_queue_id
            LEFT JOIN queue bq ON bq.id = b.dead_letter_queue_id
            LEFT JOIN connection c ON c.id = t.connection_id
            """;

    /**
     * @param envelope        null when the event is gone (retention)
     * @param target          its driver and typed configuration (or why it has none); null when the rule or target
     *                        was deleted since
     * @param deadLetterQueue the target's, else the bus' default; null when neither has one
     * @param lastError       how the previous attempt failed ({@code CODE: message}), null before the first
     * @param connection      the connection of a webhook target, or null
     */
    record Loaded(String envelope, TargetDrivers.Loaded target, JsonNode inputShaping, RetryPolicy retryPolicy,
                  String deadLetterQueue, String bus, String lastError, StoredConnection connection) {
    }

    /** How long a target as read serves the first attempts of new deliveries without reading it again. */
    static final Duration FRESH = Duration.ofSeconds(1);
    private static final int MAX_REMEMBERED = 10_000;

    /** A target as read at {@code readAt} (nanoTime), while the bus' rules were {@code rules}. */
    private record Target(TargetDrivers.Loaded target, JsonNode inputShaping, RetryPolicy retryPolicy,
                          String deadLetterQueue, String bus, StoredConnection connection, long readAt,
                          BusRules rules) {
    }

    private final JdbcOperations jdbc;
    private final ObjectMapper json;
    private final MatchRules matchRules;
    private final TargetDrivers drivers;
    private final Map<String, Target> recent = new ConcurrentHashMap<>();
    /** Parsed JSON by its text; the nodes are shared, so nothing may change them. */
    private final Memo<String, JsonNode> parsed = new Memo<>(MAX_REMEMBERED);
    /** Targets read into their drivers' configurations, by type and stored configuration. */
    private final Memo<String, TargetDrivers.Loaded> configured = new Memo<>(MAX_REMEMBERED);

    LoadDelivery(JdbcOperations jdbc, ObjectMapper json, MatchRules matchRules, TargetDrivers drivers) {
        this.jdbc = jdbc;
        this.json = json;
        this.matchRules = matchRules;
        this.drivers = drivers;
    }

    /**
     * Reads what the attempts of {@code claimed} need. A delivery missing from the answer no longer exists.
     */
    Map<UUID, Loaded> load(List<ClaimedDelivery> claimed) {
        Map<UUID, Loaded> known = fromMemory(claimed);
        return known != null ? known : read(claimed);
    }

    /** Null unless every delivery is a first attempt with its envelope and a target read recently. */
    private Map<UUID, Loaded> fromMemory(List<ClaimedDelivery> claimed) {
        long now = System.nanoTime();
        Map<UUID, Loaded> loaded = new HashMap<>();
        for (ClaimedDelivery d : claimed) {
            Target t = d.envelope() == null || d.attempt() != 1 ? null : recent.get(key(d));
            if (t == null || now - t.readAt() > FRESH.toNanos() || t.rules() != matchRules.current(t.bus())) {
                return null;
            }
            loaded.put(d.id(), new Loaded(d.envelope(), t.target(), t.inputShaping(), t.retryPolicy(),
                    t.deadLetterQueue(), t.bus(), null, t.connection()));
        }
        return loaded;
    }

    @Transactional(readOnly = true)
    Map<UUID, Loaded> read(List<ClaimedDelivery> claimed) {
        List<ClaimedDelivery> inHand = claimed.stream().filter(LoadDelivery::inHand).toList();
        Map<UUID, Loaded> loaded = inHand.isEmpty() ? new HashMap<>() : readTargets(inHand);
        if (inHand.size() < claimed.size()) {
            loaded.putAll(readStored(claimed.stream().filter(d -> !inHand(d)).toList()));
        }
        return loaded;
    }

    /** A first attempt handed off with its event: only its target needs reading. */
    private static boolean inHand(ClaimedDelivery d) {
        return d.envelope() != null && d.attempt() == 1;
    }

    /** The targets of first attempts handed off with their events, each target read once. */
    private Map<UUID, Loaded> readTargets(List<ClaimedDelivery> inHand) {
        Map<String, ClaimedDelivery> byTarget = new LinkedHashMap<>();
        inHand.forEach(d -> byTarget.putIfAbsent(key(d), d));
        List<ClaimedDelivery> targets = List.copyOf(byTarget.values());
        long readAt = System.nanoTime();
        Map<String, Loaded> read = jdbc.prepareStatement(SELECT_TARGETS, ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("bigint", targets.stream().map(ClaimedDelivery::busId).toArray()));
            ps.setArray(2, ps.getConnection().createArrayOf("text", targets.stream().map(ClaimedDelivery::ruleName).toArray()));
            ps.setArray(3, ps.getConnection().createArrayOf("text", targets.stream().map(ClaimedDelivery::targetId).toArray()));
            Map<String, Loaded> byKey = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ClaimedDelivery d = targets.get(rs.getInt(1) - 1);
                    Loaded one = loaded(rs);
                    byKey.put(key(d), one);
                    remember(d, one, readAt);
                }
            }
            return byKey;
        });
        Map<UUID, Loaded> loaded = new HashMap<>();
        for (ClaimedDelivery d : inHand) {
            Loaded t = read.get(key(d));
            if (t != null) {
                loaded.put(d.id(), new Loaded(d.envelope(), t.target(), t.inputShaping(), t.retryPolicy(),
                        t.deadLetterQueue(), t.bus(), null, t.connection()));
            }
        }
        return loaded;
    }

    /** Deliveries as stored, with their events and how their previous attempts ended. */
    private Map<UUID, Loaded> readStored(List<ClaimedDelivery> claimed) {
        Map<UUID, ClaimedDelivery> byId = new HashMap<>();
        claimed.forEach(d -> byId.put(d.id(), d));
        long readAt = System.nanoTime();
        return jdbc.prepareStatement(SELECT, ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", claimed.stream().map(ClaimedDelivery::id).toArray()));
            Map<UUID, Loaded> loaded = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Loaded one = loaded(rs);
                    UUID id = rs.getObject(1, UUID.class);
                    loaded.put(id, one);
                    remember(byId.get(id), one, readAt);
                }
            }
            return loaded;
        });
    }

    /** One row of {@link #SELECT} or {@link #SELECT_TARGETS}. */
    private Loaded loaded(ResultSet rs) throws SQLException {
        RetryPolicy policy = rs.getString(3) == null ? RetryPolicy.DEFAULT : new RetryPolicy(rs.getInt(6), rs.getInt(7));
        return new Loaded(rs.getString(2), configure(rs.getString(3), rs.getString(4)), parse(rs.getString(5)), policy,
                rs.getString(8), rs.getString(9), rs.getString(10), connection(rs));
    }

    private void remember(ClaimedDelivery d, Loaded loaded, long readAt) {
        if (d == null || loaded.target() == null) {
            return; // a deleted target is read again every time, so it is back as soon as it is
        }
        if (recent.size() >= MAX_REMEMBERED) {
            recent.clear();
        }
        BusRules rules = matchRules.current(loaded.bus());
        if (rules == null) {
            return;
        }
        recent.put(key(d), new Target(loaded.target(), loaded.inputShaping(), loaded.retryPolicy(),
                loaded.deadLetterQueue(), loaded.bus(), loaded.connection(), readAt, rules));
    }

    private static String key(ClaimedDelivery d) {
        return d.busId() + "\u0000" + d.ruleName() + "\u0000" + d.targetId();
    }

    private StoredConnection connection(ResultSet rs) throws SQLException {
        long id = rs.getLong(11);
        if (rs.wasNull()) {
            return null;
        }
        return new StoredConnection(id, rs.getLong(12), rs.getString(13), AuthorizationType.valueOf(rs.getString(14)),
                parse(rs.getString(15)), rs.getString(16));
    }

    /** A stored target read by its driver, once per type and configuration; null for a deleted target. */
    private TargetDrivers.Loaded configure(String type, String config) {
        return type == null ? null : configured.get(type + "\u0000" + config, k -> drivers.configure(type, parse(config)));
    }

    /** Parses stored JSON; the same text (a target's config, read for every delivery of a batch) parses once. */
    private JsonNode parse(String text) {
        return text == null ? null : parsed.get(text, this::readTree);
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not JSON", e);
        }
    }
}
