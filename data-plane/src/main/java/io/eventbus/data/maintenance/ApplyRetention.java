package io.eventbus.data.maintenance;

import io.eventbus.core.role.DataRole;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps storage bounded and ready, hourly and at start: creates the daily {@code event} partitions a week ahead
 * (so rows never land in the default partition), drops whole days older than the longest retention of any bus
 * (cheap: no row-by-row delete), deletes the events of buses with a shorter retention, keeps the archives'
 * partitions ready and drops their days past each archive's retention ({@link KeepArchives}), forgets idempotency
 * keys older than 24 h, deletes queue messages past their queue's retention ({@code expires_at}; receives
 * already skip them), and forgets revoked console sessions once they have expired anyway. One data-plane process
 * at a time does it (advisory lock); a failed run is logged and the next one tries again. The attempt log keeps
 * attempts, and bulk retries their members, for 7 days.
 */
@Singleton
@DataRole
public class ApplyRetention {

    private static final Logger LOG = LoggerFactory.getLogger(ApplyRetention.class);
    private static final long LOCK = 0x6576656e74627573L; // "eventbus"
    private static final int DAYS_AHEAD = 7;
    /** How long the attempt log keeps each attempt. */
    static final int ATTEMPT_LOG_DAYS = 7;

    private final DataSource dataSource;

    ApplyRetention(DataSource dataSource, Optional<DataSourceResolver> resolver) {
        this.dataSource = resolver.orElse(DataSourceResolver.DEFAULT).resolve(dataSource);
    }

    @Scheduled(initialDelay = "${eventbus.maintenance.initial-delay:1s}",
            fixedDelay = "${eventbus.maintenance.interval:1h}")
    void scheduled() {
        try {
            run();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("retention maintenance failed; it runs again at the next interval: {}", e.toString());
        }
    }

    /** One pass; returns the partitions dropped. */
    public List<String> run() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!lock(c, "pg_try_advisory_lock")) {
                return List.of();
            }
            try {
                execute(c, "SELECT eventbus_ensure_event_partitions(" + DAYS_AHEAD + ")");
                List<String> dropped = new ArrayList<>(dropOldPartitions(c));
                execute(c, """
                        DELETE FROM event e USING bus b
                        WHERE e.bus_id = b.id AND e.ingested_at < now() - make_interval(days => b.event_retention_days)
                        """);
                dropped.addAll(KeepArchives.run(c, DAYS_AHEAD));
                execute(c, "DELETE FROM idempotency_key WHERE created_at < now() - interval '24 hours'");
                execute(c, "DELETE FROM delivery_attempt WHERE at < now() - interval '" + ATTEMPT_LOG_DAYS + " days'");
                execute(c, "DELETE FROM bulk_retry WHERE created_at < now() - interval '" + ATTEMPT_LOG_DAYS
                        + " days'");
                execute(c, "DELETE FROM queue_message WHERE expires_at <= now()");
                execute(c, "DELETE FROM console_session_revocation WHERE expires_at <= now()");
                if (!dropped.isEmpty()) {
                    LOG.info("retention: dropped partitions {}", dropped);
                }
                return dropped;
            } finally {
                lock(c, "pg_advisory_unlock");
            }
        }
    }

    private static List<String> dropOldPartitions(Connection c) throws SQLException {
        int keepDays;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT coalesce(max(event_retention_days), 7) FROM bus")) {
            rs.next();
            keepDays = rs.getInt(1);
        }
        return DropDays.before(c, "event", LocalDate.now(ZoneOffset.UTC).minusDays(keepDays + 1L));
    }

    private static boolean lock(Connection c, String function) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(?)")) {
            ps.setLong(1, LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
