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
 * partial index) and those pending now (by the due and lease indexes). Once the roll-up has run, the window's
 * finished minutes come from the per-minute counts ({@code target_minute}) up to its mark, and only the attempts
 * after it (the last five minutes or so) are read, with latency percentiles to the bucket: 0.1-0.2 s on 1,000,000
 * deliveries whatever the window, where every attempt of 24 h took 2 s. A delivery of a rule or target deleted since
 * is not listed.
 */
@Singleton
@ControlRole
class ReadTargetHealth {

    /** The bus' rules' targets: parameter the bus id. */
    private static final String TARGETS = """
            targets AS (
                SELECT r.name AS rule, t.target_id AS target, t.type, t.position
                FROM rule r JOIN target t ON t.rule_id = r.id WHERE r.bus_id = ?
            )""";

    /**
     * The deliveries not finished now: parameters the bus id twice. Two parts, each matching a partial index (the due
     * index holds AVAILABLE and RETRYABLE rows, the lease index RUNNING ones), so the count costs what is pending,
     * not the table's size.
     */
    private static final String PENDING = """
            pending AS (
                SELECT rule, target, count(*) AS pending, max(circuit_open_until) AS circuit_open_until
                FROM (SELECT rule_name AS rule, target_id AS target,
                             CASE WHEN state = 'AVAILABLE' AND held_by = 'CIRCUIT_OPEN' AND next_attempt_at > now()
                                  THEN next_attempt_at END AS circuit_open_until
                      FROM delivery WHERE bus_id = ? AND state IN ('AVAILABLE', 'RETRYABLE')
                      UNION ALL
                      SELECT rule_name, target_id, NULL FROM delivery WHERE bus_id = ? AND state = 'RUNNING') p
                GROUP BY 1, 2
            )""";

    private static final String SELECT = """
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

    /**
     * Every attempt of the window, exact percentiles: parameters bus id, (tried) bus id and seconds, (finished) bus id
     * and seconds, (pending) bus id twice, (last error) bus id and seconds.
     */
    private static final String EXACT = "WITH " + TARGETS + ", " + """
            tried AS (
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
            ),""" + " " + PENDING + ", " + """
            last_error AS (
                SELECT DISTINCT ON (d.rule_name, d.target_id) d.rule_name AS rule, d.target_id AS target, a.error, a.at
                FROM delivery_attempt a JOIN delivery d ON d.id = a.delivery_id
                WHERE d.bus_id = ? AND a.error IS NOT NULL AND a.at >= now() - make_interval(secs => ?)
                ORDER BY d.rule_name, d.target_id, a.at DESC
            )
            """ + SELECT;

    /**
     * The window's minutes from {@code target_minute} up to the roll-up's mark, and the attempts after it; latency
     * percentiles from the minutes' buckets ({@link LatencyBuckets}). Parameters: bus id; (rolled) bus id, window
     * start, mark; (tail) bus id, mark; (tail finished) bus id, mark; (tail buckets) bus id, mark; (pending) bus id
     * twice; (tail last error) bus id, mark.
     */
    private static final String ROLLED = "WITH " + TARGETS + ", " + """
            rolled AS (
                SELECT rule_name AS rule, target_id AS target, attempts, failed, delivered, dead_lettered, latency,
                       last_error, last_error_at
                FROM target_minute WHERE bus_id = ? AND minute >= ? AND minute < ?
            ), tail AS (
                SELECT d.rule_name AS rule, d.target_id AS target, count(*) AS attempts,
                       count(*) FILTER (WHERE a.error IS NOT NULL) AS failed
                FROM delivery_attempt a JOIN delivery d ON d.id = a.delivery_id
                WHERE d.bus_id = ? AND a.at >= ?
                GROUP BY 1, 2
            ), tail_finished AS (
                SELECT rule_name AS rule, target_id AS target,
                       count(*) FILTER (WHERE state = 'DELIVERED') AS delivered,
                       count(*) FILTER (WHERE state = 'DEAD_LETTERED') AS dead_lettered
                FROM delivery WHERE bus_id = ? AND finished_at >= ?
                GROUP BY 1, 2
            ), buckets AS (
                SELECT rule, target, k, sum(n) AS n FROM (
                    SELECT r.rule, r.target, u.k, u.n FROM rolled r, unnest(r.latency) WITH ORDINALITY AS u(n, k)
                    UNION ALL
                    SELECT d.rule_name, d.target_id, width_bucket(a.latency_ms, %s) + 1, count(*)
                    FROM delivery_attempt a JOIN delivery d ON d.id = a.delivery_id
                    WHERE d.bus_id = ? AND a.at >= ?
                    GROUP BY 1, 2, 3) b
                GROUP BY 1, 2, 3
            ), percentiles AS (
                SELECT rule, target, min(k) FILTER (WHERE below >= 0.5 * total) AS k50,
                       min(k) FILTER (WHERE below >= 0.99 * total) AS k99
                FROM (SELECT rule, target, k, sum(n) OVER (PARTITION BY rule, target ORDER BY k) AS below,
                             sum(n) OVER (PARTITION BY rule, target) AS total
                      FROM buckets) c
                WHERE total > 0
                GROUP BY 1, 2
            ), tried AS (
                SELECT s.rule, s.target, sum(s.attempts) AS attempts, sum(s.failed) AS failed,
                       (%s)[least(min(p.k50), %d)] AS p50, (%s)[least(min(p.k99), %d)] AS p99
                FROM (SELECT rule, target, attempts, failed FROM rolled
                      UNION ALL SELECT rule, target, attempts, failed FROM tail) s
                     LEFT JOIN percentiles p ON p.rule = s.rule AND p.target = s.target
                GROUP BY 1, 2
            ), finished AS (
                SELECT rule, target, sum(delivered) AS delivered, sum(dead_lettered) AS dead_lettered
                FROM (SELECT rule, target, delivered, dead_lettered FROM rolled
                      UNION ALL SELECT rule, target, delivered, dead_lettered FROM tail_finished) s
                GROUP BY 1, 2
            ),""".formatted(LatencyBuckets.SQL_BOUNDS, LatencyBuckets.SQL_BOUNDS, LatencyBuckets.BOUNDS.length,
            LatencyBuckets.SQL_BOUNDS, LatencyBuckets.BOUNDS.length) + " " + PENDING + ", " + """
            last_error AS (
                SELECT DISTINCT ON (rule, target) rule, target, error, at FROM (
                    SELECT rule, target, last_error AS error, last_error_at AS at FROM rolled WHERE last_error IS NOT NULL
                    UNION ALL
                    SELECT d.rule_name, d.target_id, a.error, a.at
                    FROM delivery_attempt a JOIN delivery d ON d.id = a.delivery_id
                    WHERE d.bus_id = ? AND a.error IS NOT NULL AND a.at >= ?) e
                ORDER BY rule, target, at DESC
            )
            """ + SELECT;

    private final JdbcOperations jdbc;
    private final BusStore buses;

    ReadTargetHealth(JdbcOperations jdbc, BusStore buses) {
        this.jdbc = jdbc;
        this.buses = buses;
    }

    /**
     * The health of every target of {@code bus}'s rules over the last {@code window}; 404 when there is no bus.
     * Once the roll-up has run, from the per-minute counts ({@link RollUpTargetMinutes}) and the attempts since;
     * before, from every attempt of the window.
     */
    @Transactional(readOnly = true)
    public List<TargetHealth> read(String bus, Duration window) {
        long busId = buses.id(bus);
        Instant mark = mark();
        if (mark == null) {
            double seconds = window.toSeconds();
            return query(EXACT, false, busId, busId, seconds, busId, seconds, busId, busId, busId, seconds);
        }
        Timestamp start = Timestamp.from(Instant.now().minus(window));
        Timestamp until = Timestamp.from(mark);
        Timestamp after = Timestamp.from(mark.isBefore(start.toInstant()) ? start.toInstant() : mark);
        return query(ROLLED, true, busId, busId, start, until, busId, after, busId, after, busId, after, busId, busId,
                busId, after);
    }

    /** How far the per-minute counts go; null before the first roll-up. */
    private Instant mark() {
        return jdbc.prepareStatement("SELECT until FROM target_minute_mark", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getTimestamp(1).toInstant() : null;
            }
        });
    }

    private List<TargetHealth> query(String sql, boolean bucketed, Object... parameters) {
        return jdbc.prepareStatement(sql, ps -> {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            List<TargetHealth> health = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    health.add(row(rs, bucketed));
                }
            }
            return health;
        });
    }

    private static TargetHealth row(ResultSet rs, boolean bucketed) throws SQLException {
        long delivered = rs.getLong(4);
        long attempts = rs.getLong(5);
        long failed = rs.getLong(6);
        long deadLettered = rs.getLong(7);
        long pending = rs.getLong(8);
        Instant circuitOpenUntil = instant(rs.getTimestamp(11));
        return new TargetHealth(rs.getString(1), rs.getString(2), rs.getString(3),
                TargetHealth.verdict(attempts, failed, deadLettered, pending, circuitOpenUntil), delivered, attempts,
                failed, deadLettered, pending, attempts == 0 ? null : (double) (attempts - failed) / attempts,
                (Integer) rs.getObject(9), (Integer) rs.getObject(10), bucketed && attempts > 0 ? true : null,
                circuitOpenUntil, rs.getString(12), instant(rs.getTimestamp(13)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
