package io.eventbus.control.health;

import io.eventbus.core.role.ControlRole;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Adds each finished minute's attempts and finished deliveries to {@code target_minute}, per target, so that target
 * health over 24 h or 7 days reads a few thousand rows instead of every attempt ({@link ReadTargetHealth}). A minute
 * is added once, {@link #LAG} after it ends: by then every attempt of it is recorded (an attempt is logged at the time
 * it was sent, and recorded within its delivery's lease, 60 s by default, or rescued and dropped; a lease set longer
 * than the lag would let a late attempt miss its minute). The mark
 * ({@code target_minute_mark}) moves with each hour added, in the same transaction; a first run starts
 * {@link #KEPT} back, an hour per statement. One control-plane process at a time does it (an advisory lock);
 * minutes older than {@link #KEPT} are deleted.
 */
@Singleton
@ControlRole
class RollUpTargetMinutes {

    private static final Logger LOG = LoggerFactory.getLogger(RollUpTargetMinutes.class);
    private static final long LOCK = 0x74617267657473L; // "targets"
    static final Duration LAG = Duration.ofMinutes(5);
    static final Duration KEPT = Duration.ofDays(8);
    private static final Duration STEP = Duration.ofHours(1);

    private static final String ROLL_UP = """
            WITH a AS (
                SELECT d.bus_id, d.rule_name, d.target_id, date_trunc('minute', a.at) AS minute, count(*) AS attempts,
                       count(*) FILTER (WHERE a.error IS NOT NULL) AS failed, %s AS latency,
                       (array_agg(a.error ORDER BY a.at DESC) FILTER (WHERE a.error IS NOT NULL))[1] AS last_error,
                       max(a.at) FILTER (WHERE a.error IS NOT NULL) AS last_error_at
                FROM delivery_attempt a JOIN delivery d ON d.id = a.delivery_id
                WHERE a.at >= ? AND a.at < ?
                GROUP BY 1, 2, 3, 4
            ), f AS (
                SELECT bus_id, rule_name, target_id, date_trunc('minute', finished_at) AS minute,
                       count(*) FILTER (WHERE state = 'DELIVERED') AS delivered,
                       count(*) FILTER (WHERE state = 'DEAD_LETTERED') AS dead_lettered
                FROM delivery WHERE finished_at >= ? AND finished_at < ?
                GROUP BY 1, 2, 3, 4
            )
            INSERT INTO target_minute (bus_id, rule_name, target_id, minute, attempts, failed, delivered, dead_lettered,
                                       latency, last_error, last_error_at)
            SELECT coalesce(a.bus_id, f.bus_id), coalesce(a.rule_name, f.rule_name), coalesce(a.target_id, f.target_id),
                   coalesce(a.minute, f.minute), coalesce(a.attempts, 0), coalesce(a.failed, 0),
                   coalesce(f.delivered, 0), coalesce(f.dead_lettered, 0), coalesce(a.latency, array_fill(0, ARRAY[%d])),
                   a.last_error, a.last_error_at
            FROM a FULL JOIN f ON a.bus_id = f.bus_id AND a.rule_name = f.rule_name AND a.target_id = f.target_id
                                AND a.minute = f.minute
            ON CONFLICT (bus_id, minute, rule_name, target_id) DO UPDATE
            SET attempts = target_minute.attempts + EXCLUDED.attempts, failed = target_minute.failed + EXCLUDED.failed,
                delivered = target_minute.delivered + EXCLUDED.delivered,
                dead_lettered = target_minute.dead_lettered + EXCLUDED.dead_lettered,
                latency = ARRAY(SELECT x + y FROM unnest(target_minute.latency, EXCLUDED.latency) AS u(x, y)),
                last_error = coalesce(EXCLUDED.last_error, target_minute.last_error),
                last_error_at = coalesce(EXCLUDED.last_error_at, target_minute.last_error_at)
            """.formatted(LatencyBuckets.histogram("a.latency_ms"), LatencyBuckets.COUNT);

    private final DataSource dataSource;

    RollUpTargetMinutes(DataSource dataSource, Optional<DataSourceResolver> resolver) {
        this.dataSource = resolver.orElse(DataSourceResolver.DEFAULT).resolve(dataSource);
    }

    @Scheduled(initialDelay = "${eventbus.health.roll-up-initial-delay:20s}",
            fixedDelay = "${eventbus.health.roll-up-interval:1m}")
    void scheduled() {
        try {
            run();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("rolling up target minutes failed; it runs again at the next interval: {}", e.toString());
        }
    }

    /** Adds every finished minute not added yet, up to {@code maxSteps} hours of them; returns the mark reached. */
    Instant run() throws SQLException {
        return run(24 * 8);
    }

    Instant run(int maxSteps) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Instant mark = null;
            for (int step = 0; step < maxSteps; step++) {
                if (!lock(c)) {
                    c.rollback();
                    return null;
                }
                Instant[] range = nextRange(c);
                mark = range == null ? mark : range[1];
                if (range == null) {
                    c.rollback();
                    break;
                }
                try (PreparedStatement ps = c.prepareStatement(ROLL_UP)) {
                    ps.setTimestamp(1, Timestamp.from(range[0]));
                    ps.setTimestamp(2, Timestamp.from(range[1]));
                    ps.setTimestamp(3, Timestamp.from(range[0]));
                    ps.setTimestamp(4, Timestamp.from(range[1]));
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO target_minute_mark (id, until) VALUES (true, ?)
                        ON CONFLICT (id) DO UPDATE SET until = EXCLUDED.until
                        """)) {
                    ps.setTimestamp(1, Timestamp.from(range[1]));
                    ps.executeUpdate();
                }
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("DELETE FROM target_minute WHERE minute < now() - interval '" + KEPT.toDays()
                            + " days'");
                }
                c.commit();
            }
            return mark;
        }
    }

    /** The next minutes to add: from the mark (or {@link #KEPT} back) to at most an hour on, before now - LAG. */
    private static Instant[] nextRange(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT coalesce((SELECT until FROM target_minute_mark FOR UPDATE),
                                date_trunc('minute', now() - interval '%d days')),
                       date_trunc('minute', now() - make_interval(secs => %d))
                """.formatted(KEPT.toDays(), LAG.toSeconds()))) {
            rs.next();
            Instant from = rs.getTimestamp(1).toInstant();
            Instant horizon = rs.getTimestamp(2).toInstant();
            if (!from.isBefore(horizon)) {
                return null;
            }
            Instant to = from.plus(STEP).isBefore(horizon) ? from.plus(STEP) : horizon;
            return new Instant[]{from, to};
        }
    }

    /** Whether this transaction holds the roll-up's lock (released at its end). */
    private static boolean lock(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT pg_try_advisory_xact_lock(" + LOCK + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
