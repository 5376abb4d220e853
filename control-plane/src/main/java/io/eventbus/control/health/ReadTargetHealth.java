package io.eventbus.control.health;

import io.eventbus.control.bus.BusStore;
import io.eventbus.core.role.ControlRole;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the health of a bus' targets in ONE statement: its rules' targets, left-joined with the window's attempts
 * (by {@code delivery_attempt.at}, its index), the deliveries that finished in it (by {@code finished_at}, its
 * partial index) and those pending now (the due index holds AVAILABLE and RETRYABLE ones). A delivery of a rule
 * or target deleted since is not listed.
 */
@Singleton
@ControlRole
class ReadTargetHealth {

    private static final String HEALTH = """
            WITH targets AS (
                SELECT r.name AS rule, t.target_id AS target, t.type, t.position
                FROM rule r JOIN target t ON t.rule_id = r.id WHERE r.bus_id = ?
            ), tried AS (
                SELECT d.rule_name AS rule, d.target_id AS target, count(*) AS attempts,
                       count(*) FILTER (WHERE a.error IS NOT NULL) AS failed,
                       percentile_disc(0.5) WITHIN GROUP (ORDER BY a.latency_ms) AS p50,
                       percentile_disc(0.99) WITHIN GROUP (ORDER BY a.latency_ms) AS p99
                FROM delivery_attempt a JOIN delivery d ON d.id = a.delivery_id
                WHERE d.bus_id = ? AND a.at >= now() - make_interval(secs => ?)
                GROUP BY 1, 2
            ), finished AS (
                SELECT rule_name AS rule, target_id AS target,
                       count(*) FILTER (WHERE state = 'DELIVERED') AS delivered,
                       count(*) FILTER (WHERE state = 'DEAD_LETTERED') AS dead_lettered
                FROM delivery WHERE bus_id = ? AND finished_at >= now() - make_interval(secs => ?)
                GROUP BY 1, 2
            ), pending AS (
                SELECT rule_name AS rule, target_id AS target, count(*) AS pending,
                       max(next_attempt_at) FILTER (WHERE state = 'AVAILABLE' AND held_by = 'CIRCUIT_OPEN'
                                                    AND next_attempt_at > now()) AS circuit_open_until
                FROM delivery WHERE bus_id = ? AND state IN ('AVAILABLE', 'RUNNING', 'RETRYABLE')
                GROUP BY 1, 2
            ), last_error AS (
                SELECT DISTINCT ON (d.rule_name, d.target_id) d.rule_name AS rule, d.target_id AS target, a.error, a.at
                FROM delivery_attempt a JOIN delivery d ON d.id = a.delivery_id
                WHERE d.bus_id = ? AND a.error IS NOT NULL AND a.at >= now() - make_interval(secs => ?)
                ORDER BY d.rule_name, d.target_id, a.at DESC
            )
            SELECT t.rule, t.target, t.type, coalesce(f.delivered, 0), coalesce(x.attempts, 0), coalesce(x.failed, 0),
                   coalesce(f.dead_lettered, 0), coalesce(p.pending, 0), x.p50, x.p99, p.circuit_open_until,
                   e.error, e.at
            FROM targets t
                 LEFT JOIN tried x ON x.rule = t.rule AND x.target = t.target
                 LEFT JOIN finished f ON f.rule = t.rule AND f.target = t.target
                 LEFT JOIN pending p ON p.rule = t.rule AND p.target = t.target
                 LEFT JOIN last_error e ON e.rule = t.rule AND e.target = t.target
            ORDER BY t.rule, t.position
            """;

    private final JdbcOperations jdbc;
    private final BusStore buses;

    ReadTargetHealth(JdbcOperations jdbc, BusStore buses) {
        this.jdbc = jdbc;
        this.buses = buses;
    }

    /** The health of every target of {@code bus}'s rules over the last {@code window}; 404 when there is no bus. */
    @Transactional(readOnly = true)
    public List<TargetHealth> read(String bus, Duration window) {
        long busId = buses.id(bus);
        double seconds = window.toSeconds();
        return jdbc.prepareStatement(HEALTH, ps -> {
            ps.setLong(1, busId);
            ps.setLong(2, busId);
            ps.setDouble(3, seconds);
            ps.setLong(4, busId);
            ps.setDouble(5, seconds);
            ps.setLong(6, busId);
            ps.setLong(7, busId);
            ps.setDouble(8, seconds);
            List<TargetHealth> health = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    health.add(row(rs));
                }
            }
            return health;
        });
    }

    private static TargetHealth row(ResultSet rs) throws SQLException {
        long delivered = rs.getLong(4);
        long attempts = rs.getLong(5);
        long failed = rs.getLong(6);
        long deadLettered = rs.getLong(7);
        long pending = rs.getLong(8);
        Instant circuitOpenUntil = instant(rs.getTimestamp(11));
        return new TargetHealth(rs.getString(1), rs.getString(2), rs.getString(3),
                TargetHealth.verdict(attempts, failed, deadLettered, pending, circuitOpenUntil), delivered, attempts,
                failed, deadLettered, pending, attempts == 0 ? null : (double) (attempts - failed) / attempts,
                (Integer) rs.getObject(9), (Integer) rs.getObject(10), circuitOpenUntil, rs.getString(12),
                instant(rs.getTimestamp(13)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
