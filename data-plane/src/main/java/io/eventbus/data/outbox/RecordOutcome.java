package io.eventbus.data.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.delivery.DeliveryState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * The SQL of an attempt's end, inside the caller's transaction: the new state, only while the worker still holds
 * the lease for that attempt, and the queue message that goes with it, if any. Pure function of its arguments
 * and the database.
 */
final class RecordOutcome {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UPDATE = """
            UPDATE delivery SET state = ?, next_attempt_at = coalesce(?, next_attempt_at), last_error = ?,
                                leased_by = NULL, lease_expires_at = NULL, updated_at = now(),
                                finished_at = CASE WHEN ? THEN now() END
            WHERE id = ? AND state = 'RUNNING' AND leased_by = ? AND attempt = ?
            """;
    private static final String ENQUEUE = """
            INSERT INTO queue_message (id, queue_id, body, attributes, expires_at)
            SELECT ?, q.id, ?, CAST(? AS jsonb), now() + make_interval(secs => q.message_retention_seconds)
            FROM queue q WHERE q.name = ?
            """;

    private RecordOutcome() {
    }

    static boolean record(Connection c, String worker, ClaimedDelivery claimed, DeliveryState next, Instant nextAttemptAt,
                          String lastError, QueueMessage message, AttemptLog log) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            ps.setString(1, next.name());
            ps.setTimestamp(2, nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt));
            ps.setString(3, lastError);
            ps.setBoolean(4, next.isFinal());
            ps.setObject(5, claimed.id());
            ps.setString(6, worker);
            ps.setInt(7, claimed.attempt());
            if (ps.executeUpdate() != 1) {
                return false;
            }
        }
        if (message != null) {
            enqueue(c, message);
        }
        if (log != null) {
            logAttempt(c, claimed, log);
        }
        return true;
    }

    private static void logAttempt(Connection c, ClaimedDelivery claimed, AttemptLog log) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO delivery_attempt (delivery_id, attempt, status, latency_ms, error, response)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """)) {
            ps.setObject(1, claimed.id());
            ps.setInt(2, claimed.attempt());
            ps.setObject(3, log.status());
            ps.setInt(4, (int) Math.min(Integer.MAX_VALUE, log.latencyMillis()));
            ps.setString(5, log.error());
            String response = log.response();
            ps.setString(6, response == null || response.length() <= AttemptLog.MAX_RESPONSE_CHARS ? response
                    : response.substring(0, AttemptLog.MAX_RESPONSE_CHARS));
            ps.executeUpdate();
        }
    }

    /** Gives a claimed delivery back without spending its attempt: due again at {@code at}. */
    static boolean defer(Connection c, String worker, ClaimedDelivery claimed, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE delivery SET state = 'AVAILABLE', attempt = attempt - 1, next_attempt_at = ?,
                                    leased_by = NULL, lease_expires_at = NULL, updated_at = now()
                WHERE id = ? AND state = 'RUNNING' AND leased_by = ? AND attempt = ?
                """)) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setObject(2, claimed.id());
            ps.setString(3, worker);
            ps.setInt(4, claimed.attempt());
            return ps.executeUpdate() == 1;
        }
    }

    private static void enqueue(Connection c, QueueMessage message) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ENQUEUE)) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, message.body());
            ps.setString(3, JSON.writeValueAsString(message.attributes()));
            ps.setString(4, message.queue());
            if (ps.executeUpdate() != 1) {
                throw new SQLException("queue '" + message.queue() + "' does not exist");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
