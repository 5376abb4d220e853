package io.eventbus.control.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.control.audit.AuditLog;
import io.eventbus.control.auth.Caller;
import io.eventbus.core.role.ControlRole;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Retries every delivery of a bus that did not get through, by filter (rule, target, state, event time), as
 * {@link RetryDelivery} retries one: each becomes {@code AVAILABLE}, the same delivery with its next attempt. Their
 * next attempts are spread at the given rate (the n-th, oldest event first, due n / rate seconds from now), so the
 * data planes' claims, which take due deliveries in order, send them no faster than that beside live traffic, and a
 * receiver just back up is not flooded. Rows locked by a worker at that moment are skipped and counted as
 * remaining. Each bulk retry is recorded with the deliveries it retried and what they were before
 * ({@code bulk_retry}, {@code bulk_retry_delivery}), for its progress and its cancel ({@link BulkRetries}). Audited as
 * {@code delivery.bulk-retry}.
 */
@Singleton
@ControlRole
class BulkRetry {

    /** The filter; nulls match anything. */
    record Filter(long busId, String rule, String target, List<String> states, Instant from, Instant to) {
    }

    private static final String WHERE = """
            WHERE d.bus_id = ? AND d.state = ANY (?) AND (CAST(? AS text) IS NULL OR d.rule_name = ?)
              AND (CAST(? AS text) IS NULL OR d.target_id = ?)
              AND (CAST(? AS timestamptz) IS NULL OR d.event_ingested_at >= ?)
              AND (CAST(? AS timestamptz) IS NULL OR d.event_ingested_at < ?)
            """;

    private static final String COUNT = "SELECT count(*) FROM delivery d\n" + WHERE;

    private static final String RETRY = """
            WITH picked AS (
                SELECT d.id, d.event_ingested_at, d.attempt, d.state, d.next_attempt_at, d.finished_at FROM delivery d
            """ + WHERE + """
                ORDER BY d.event_ingested_at, d.id LIMIT ? FOR UPDATE SKIP LOCKED
            ), spread AS (
                SELECT id, row_number() OVER (ORDER BY event_ingested_at, id) - 1 AS n FROM picked
            ), members AS (
                INSERT INTO bulk_retry_delivery (bulk_retry_id, delivery_id, attempt, previous_state,
                                                 previous_next_attempt_at, previous_finished_at)
                SELECT ?, id, attempt, state, next_attempt_at, finished_at FROM picked
            )
            UPDATE delivery d
            SET next_attempt_at = now() + make_interval(secs => spread.n / CAST(? AS float8)), %s
            FROM spread WHERE d.id = spread.id
            RETURNING d.next_attempt_at
            """.formatted(RetryDelivery.MAKE_AVAILABLE);

    private final JdbcOperations jdbc;
    private final AuditLog audit;
    private final ObjectMapper json;

    BulkRetry(JdbcOperations jdbc, AuditLog audit, ObjectMapper json) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.json = json;
    }

    private String json(Map<String, Object> value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts what matches and, unless {@code dryRun}, retries up to {@code limit} of it at {@code ratePerSecond}. */
    @Transactional
    public BulkRetried retry(Caller caller, String bus, Filter filter, int ratePerSecond, int limit, boolean dryRun) {
        long matched = jdbc.prepareStatement(COUNT, ps -> {
            bind(ps, filter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        if (dryRun || matched == 0) {
            return new BulkRetried(dryRun, matched, 0, matched, ratePerSecond, null, null);
        }
        UUID id = UUID.randomUUID();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("rule", filter.rule());
        detail.put("target", filter.target());
        detail.put("states", filter.states());
        detail.put("from", filter.from() == null ? null : filter.from().toString());
        detail.put("to", filter.to() == null ? null : filter.to().toString());
        jdbc.prepareStatement("""
                INSERT INTO bulk_retry (id, bus_id, filter, rate_per_second, created_by)
                VALUES (?, ?, CAST(? AS jsonb), ?, ?)
                """, ps -> {
            ps.setObject(1, id);
            ps.setLong(2, filter.busId());
            ps.setString(3, json(detail));
            ps.setInt(4, ratePerSecond);
            ps.setString(5, caller.name());
            return ps.executeUpdate();
        });
        long[] retried = {0};
        Instant[] last = {null};
        jdbc.prepareStatement(RETRY, ps -> {
            int p = bind(ps, filter);
            ps.setInt(p++, limit);
            ps.setObject(p++, id);
            ps.setInt(p, ratePerSecond);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    retried[0]++;
                    Instant due = rs.getTimestamp(1).toInstant();
                    last[0] = last[0] == null || due.isAfter(last[0]) ? due : last[0];
                }
            }
            return null;
        });
        jdbc.prepareStatement("UPDATE bulk_retry SET last_due_at = ? WHERE id = ?", ps -> {
            ps.setTimestamp(1, last[0] == null ? null : Timestamp.from(last[0]));
            ps.setObject(2, id);
            return ps.executeUpdate();
        });
        Map<String, Object> audited = new LinkedHashMap<>(detail);
        audited.put("id", id.toString());
        audited.put("ratePerSecond", ratePerSecond);
        audited.put("retried", retried[0]);
        audit.record(caller, "delivery.bulk-retry", "buses/" + bus, audited);
        return new BulkRetried(false, matched, retried[0], matched - retried[0], ratePerSecond, last[0], id);
    }

    /** Binds the filter from parameter 1; returns the next parameter's index. */
    private static int bind(PreparedStatement ps, Filter f) throws SQLException {
        Connection c = ps.getConnection();
        int p = 1;
        ps.setLong(p++, f.busId());
        ps.setArray(p++, c.createArrayOf("text", f.states().toArray()));
        ps.setString(p++, f.rule());
        ps.setString(p++, f.rule());
        ps.setString(p++, f.target());
        ps.setString(p++, f.target());
        Timestamp from = f.from() == null ? null : Timestamp.from(f.from());
        Timestamp to = f.to() == null ? null : Timestamp.from(f.to());
        ps.setTimestamp(p++, from);
        ps.setTimestamp(p++, from);
        ps.setTimestamp(p++, to);
        ps.setTimestamp(p++, to);
        return p;
    }
}
