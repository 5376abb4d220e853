package io.eventbus.control.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.control.audit.AuditLog;
import io.eventbus.control.auth.Caller;
import io.eventbus.core.problem.Conflict;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.role.ControlRole;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The bulk retries {@link BulkRetry} recorded: where each stands, counted from its deliveries' states now, and its
 * cancel. A cancel puts back, as they were before the retry, the deliveries whose retry attempt has not begun
 * (still {@code AVAILABLE}, with the attempt count they had); a data plane that claims one at that moment wins (the
 * claim locks the row, the cancel then skips it). Audited as {@code delivery.bulk-retry.cancel}. Thread-safe.
 */
@Singleton
@ControlRole
class BulkRetries {

    /** The most a list gives. */
    static final int MAX_LIST = 50;

    private static final String SELECT = """
            SELECT r.id, b.name, r.filter::text, r.rate_per_second, r.created_at, r.created_by, r.last_due_at,
                   r.cancelled_at, c.total, c.delivered, c.failed, c.waiting, c.cancelled, c.gone
            FROM bulk_retry r JOIN bus b ON b.id = r.bus_id
            CROSS JOIN LATERAL (
                SELECT count(*) AS total,
                       count(*) FILTER (WHERE NOT m.cancelled AND d.state = 'DELIVERED') AS delivered,
                       count(*) FILTER (WHERE NOT m.cancelled AND d.state IN ('RETRYABLE', 'DEAD_LETTERED')) AS failed,
                       count(*) FILTER (WHERE NOT m.cancelled AND d.state IN ('AVAILABLE', 'RUNNING')) AS waiting,
                       count(*) FILTER (WHERE m.cancelled) AS cancelled,
                       count(*) FILTER (WHERE NOT m.cancelled AND d.id IS NULL) AS gone
                FROM bulk_retry_delivery m LEFT JOIN delivery d ON d.id = m.delivery_id
                WHERE m.bulk_retry_id = r.id) c
            """;

    private static final String PUT_BACK = """
            WITH back AS (
                UPDATE delivery d
                SET state = m.previous_state, next_attempt_at = m.previous_next_attempt_at,
                    finished_at = m.previous_finished_at, held_by = NULL, updated_at = now()
                FROM bulk_retry_delivery m
                WHERE m.bulk_retry_id = ? AND NOT m.cancelled AND d.id = m.delivery_id
                  AND d.state = 'AVAILABLE' AND d.attempt = m.attempt
                RETURNING d.id
            )
            UPDATE bulk_retry_delivery m SET cancelled = true FROM back
            WHERE m.bulk_retry_id = ? AND m.delivery_id = back.id
            """;

    private final JdbcOperations jdbc;
    private final ObjectMapper json;
    private final AuditLog audit;

    BulkRetries(JdbcOperations jdbc, ObjectMapper json, AuditLog audit) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    BulkRetryProgress read(UUID id) {
        List<BulkRetryProgress> found = query(SELECT + "WHERE r.id = ?", ps -> ps.setObject(1, id));
        if (found.isEmpty()) {
            throw new NotFound("bulk retry " + id + " does not exist (they are kept for 7 days)");
        }
        return found.get(0);
    }

    /** The latest first, of one bus when {@code busId} is not null. */
    @Transactional(readOnly = true)
    List<BulkRetryProgress> list(Long busId, int limit) {
        return query(SELECT + "WHERE CAST(? AS bigint) IS NULL OR r.bus_id = ? ORDER BY r.created_at DESC, r.id LIMIT ?",
                ps -> {
                    ps.setObject(1, busId);
                    ps.setObject(2, busId);
                    ps.setInt(3, limit);
                });
    }

    /** Puts back what has not been attempted yet; 409 when nothing waits any more. */
    @Transactional
    BulkRetryProgress cancel(Caller caller, UUID id) {
        jdbc.prepareStatement("SELECT 1 FROM bulk_retry WHERE id = ? FOR UPDATE", ps -> {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
        BulkRetryProgress before = read(id);
        if (before.cancelledAt() != null) {
            return before;
        }
        if (before.waiting() == 0) {
            throw new Conflict("bulk retry " + id + " is COMPLETED: every delivery it retried was attempted,"
                    + " so nothing is left to cancel");
        }
        int putBack = jdbc.prepareStatement(PUT_BACK, ps -> {
            ps.setObject(1, id);
            ps.setObject(2, id);
            return ps.executeUpdate();
        });
        jdbc.prepareStatement("UPDATE bulk_retry SET cancelled_at = now() WHERE id = ?", ps -> {
            ps.setObject(1, id);
            return ps.executeUpdate();
        });
        audit.record(caller, "delivery.bulk-retry.cancel", "bulk-retries/" + id,
                Map.of("bus", before.bus(), "putBack", putBack));
        return read(id);
    }

    /** Sets a statement's parameters. */
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<BulkRetryProgress> query(String sql, Binder binder) {
        return jdbc.prepareStatement(sql, ps -> {
            binder.bind(ps);
            List<BulkRetryProgress> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(progress(rs));
                }
            }
            return found;
        });
    }

    private BulkRetryProgress progress(ResultSet rs) throws SQLException {
        long waiting = rs.getLong(12);
        Instant cancelledAt = instant(rs.getTimestamp(8));
        String state = cancelledAt != null ? "CANCELLED" : waiting > 0 ? "RUNNING" : "COMPLETED";
        try {
            return new BulkRetryProgress(rs.getObject(1, UUID.class), rs.getString(2), json.readTree(rs.getString(3)),
                    rs.getInt(4), instant(rs.getTimestamp(5)), rs.getString(6), instant(rs.getTimestamp(7)),
                    cancelledAt, state, rs.getLong(9), rs.getLong(10), rs.getLong(11), waiting, rs.getLong(13),
                    rs.getLong(14));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bulk_retry.filter is not JSON", e);
        }
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
