package io.eventbus.data.replay;

import io.eventbus.core.replay.ReplayState;
import io.eventbus.core.role.DataRole;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.UUID;

/**
 * The replay rows as the data plane moves them: take an active replay whose lease is free or expired, count its
 * window, keep its lease alive, finish it. Each method is ONE statement in its own transaction, and every change but
 * the take requires the caller to hold the lease. (A page's position moves with the page, in the outbox.)
 * Thread-safe.
 */
@Singleton
@DataRole
class ReplayRows {

    private static final String TAKE = """
            UPDATE replay r SET leased_by = ?, lease_expires_at = now() + make_interval(secs => ?),
                                state = CASE WHEN r.state = 'STARTING' THEN 'RUNNING' ELSE r.state END,
                                started_at = coalesce(r.started_at, now()), updated_at = now()
            FROM bus b
            WHERE b.id = r.bus_id AND r.id = (
                SELECT id FROM replay
                WHERE state IN ('STARTING', 'RUNNING', 'CANCELLING')
                  AND (lease_expires_at IS NULL OR lease_expires_at < now())
                ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING r.id, r.name, r.bus_id, b.name, r.archive_id, r.event_start_time, r.event_end_time, r.rules,
                      r.rate_limit_per_second, r.state, r.events_total, r.position_time, r.position_id
            """;
    private static final String COUNT = """
            UPDATE replay SET events_total = (
                SELECT count(*) FROM archived_event
                WHERE archive_id = ? AND event_time >= ? AND event_time < ?), updated_at = now()
            WHERE id = ? AND leased_by = ?
            RETURNING events_total
            """;
    private static final String RENEW = """
            UPDATE replay SET lease_expires_at = now() + make_interval(secs => ?)
            WHERE id = ? AND leased_by = ?
            RETURNING state
            """;
    private static final String FINISH = """
            UPDATE replay SET state = ?, state_reason = ?, finished_at = now(), leased_by = NULL,
                              lease_expires_at = NULL, updated_at = now()
            WHERE id = ? AND leased_by = ? AND state = ANY(?)
            """;
    private static final String RELEASE = """
            UPDATE replay SET leased_by = NULL, lease_expires_at = NULL WHERE id = ? AND leased_by = ?
            """;

    private final DataSource dataSource;

    ReplayRows(DataSource dataSource, Optional<DataSourceResolver> resolver) {
        this.dataSource = resolver.orElse(DataSourceResolver.DEFAULT).resolve(dataSource);
    }

    /** Takes the oldest active replay nobody holds, leased to {@code worker}; STARTING becomes RUNNING. */
    Optional<ClaimedReplay> take(String worker, Duration lease) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(TAKE)) {
            ps.setString(1, worker);
            ps.setDouble(2, lease.toMillis() / 1000.0);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Array rules = rs.getArray(8);
                return Optional.of(new ClaimedReplay(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        (Long) rs.getObject(5), instant(rs, 6), instant(rs, 7),
                        rules == null ? null : new LinkedHashSet<>(Arrays.asList((String[]) rules.getArray())),
                        (Integer) rs.getObject(9), ReplayState.valueOf(rs.getString(10)), (Long) rs.getObject(11),
                        rs.getObject(12) == null ? null : instant(rs, 12), rs.getObject(13, UUID.class)));
            }
        }
    }

    /** Counts the archived events of the window and stores the count; empty when the lease is lost. */
    Optional<Long> count(ClaimedReplay replay, String worker) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(COUNT)) {
            ps.setLong(1, replay.archiveId());
            ps.setObject(2, utc(replay.start()));
            ps.setObject(3, utc(replay.end()));
            ps.setLong(4, replay.id());
            ps.setString(5, worker);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** Extends the lease; the replay's state now, or empty when the lease is lost. */
    Optional<ReplayState> renew(long id, String worker, Duration lease) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RENEW)) {
            ps.setDouble(1, lease.toMillis() / 1000.0);
            ps.setLong(2, id);
            ps.setString(3, worker);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(ReplayState.valueOf(rs.getString(1))) : Optional.empty();
            }
        }
    }

    /**
     * Moves the replay to a final state and frees it, if {@code worker} holds it and it is in one of {@code from};
     * false otherwise.
     */
    boolean finish(long id, String worker, ReplayState to, String reason, ReplayState... from) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FINISH)) {
            ps.setString(1, to.name());
            ps.setString(2, reason);
            ps.setLong(3, id);
            ps.setString(4, worker);
            ps.setArray(5, c.createArrayOf("text", Arrays.stream(from).map(Enum::name).toArray()));
            return ps.executeUpdate() == 1;
        }
    }

    /** Frees the replay without changing its state (this process stops): another process resumes it at once. */
    void release(long id, String worker) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RELEASE)) {
            ps.setLong(1, id);
            ps.setString(2, worker);
            ps.executeUpdate();
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
