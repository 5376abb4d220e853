package io.eventbus.data.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.delivery.DeliveryHold;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The SQL of attempts' ends, a batch at a time inside the caller's transaction, one statement per table whatever
 * the batch size: each new state, only while its worker still holds the lease for that attempt; then, for those
 * recorded, the attempt log and the queue messages that go with them. Pure function of its arguments and the
 * database.
 */
final class RecordOutcome {

    private static final Logger LOG = LoggerFactory.getLogger(RecordOutcome.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UPDATE = """
            UPDATE delivery d
            SET state = u.state, next_attempt_at = coalesce(u.next_attempt_at, d.next_attempt_at),
                last_error = u.last_error, leased_by = NULL, lease_expires_at = NULL, updated_at = now(),
                finished_at = CASE WHEN u.final THEN now() END
            FROM unnest(?::uuid[], ?::text[], ?::text[]::timestamptz[], ?::text[], ?::boolean[], ?::text[], ?::int[])
                 AS u(id, state, next_attempt_at, last_error, final, worker, attempt)
            WHERE d.id = u.id AND d.state = 'RUNNING' AND d.leased_by = u.worker AND d.attempt = u.attempt
            RETURNING d.id
            """;
    private static final String LOG_ATTEMPTS = """
            INSERT INTO delivery_attempt (delivery_id, attempt, status, latency_ms, error, response, at)
            SELECT id, attempt, status, latency, error, response, coalesce(sent_at, now())
            FROM unnest(?::uuid[], ?::int[], ?::int[], ?::int[], ?::text[], ?::text[], ?::text[]::timestamptz[])
                 AS a(id, attempt, status, latency, error, response, sent_at)
            ON CONFLICT DO NOTHING
            """;
    private static final String ENQUEUE = """
            INSERT INTO queue_message (id, queue_id, body, attributes, expires_at)
            SELECT m.id, q.id, m.body, m.attributes::jsonb, now() + make_interval(secs => q.message_retention_seconds)
            FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[]) AS m(id, queue, body, attributes)
            JOIN queue q ON q.name = m.queue
            """;

    private RecordOutcome() {
    }

    /**
     * Records {@code outcomes}; returns, for each in order, whether it was recorded (false: its worker no longer
     * held the lease, and nothing of it was written). A queue message for a queue deleted since the attempt
     * began (a race: a queue in use cannot be deleted) is dropped, logged, with its outcome recorded.
     */
    static List<Boolean> record(Connection c, List<Outcome> outcomes) throws SQLException {
        Set<UUID> held = updateStates(c, outcomes);
        List<Outcome> recorded = outcomes.stream().filter(o -> held.contains(o.claimed().id())).toList();
        logAttempts(c, recorded);
        enqueue(c, recorded.stream().filter(o -> o.message() != null).map(Outcome::message).toList());
        List<Boolean> result = new ArrayList<>(outcomes.size());
        outcomes.forEach(o -> result.add(held.contains(o.claimed().id())));
        return result;
    }

    private static Set<UUID> updateStates(Connection c, List<Outcome> outcomes) throws SQLException {
        int n = outcomes.size();
        Object[] ids = new Object[n];
        Object[] states = new Object[n];
        Object[] due = new Object[n];
        Object[] errors = new Object[n];
        Object[] finals = new Object[n];
        Object[] workers = new Object[n];
        Object[] attempts = new Object[n];
        for (int i = 0; i < n; i++) {
            Outcome o = outcomes.get(i);
            ids[i] = o.claimed().id();
            states[i] = o.next().name();
            due[i] = o.nextAttemptAt() == null ? null : o.nextAttemptAt().toString();
            errors[i] = o.lastError();
            finals[i] = o.next().isFinal();
            workers[i] = o.worker();
            attempts[i] = o.claimed().attempt();
        }
        Set<UUID> held = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            ps.setArray(1, c.createArrayOf("uuid", ids));
            ps.setArray(2, c.createArrayOf("text", states));
            ps.setArray(3, c.createArrayOf("text", due));
            ps.setArray(4, c.createArrayOf("text", errors));
            ps.setArray(5, c.createArrayOf("boolean", finals));
            ps.setArray(6, c.createArrayOf("text", workers));
            ps.setArray(7, c.createArrayOf("int", attempts));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    held.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return held;
    }

    /** The attempt logs of {@code recorded} (those with one). */
    static void logAttempts(Connection c, List<Outcome> recorded) throws SQLException {
        List<Outcome> logged = recorded.stream().filter(o -> o.log() != null).toList();
        if (logged.isEmpty()) {
            return;
        }
        int n = logged.size();
        Object[] ids = new Object[n];
        Object[] attempts = new Object[n];
        Object[] statuses = new Object[n];
        Object[] latencies = new Object[n];
        Object[] errors = new Object[n];
        Object[] responses = new Object[n];
        Object[] sent = new Object[n];
        for (int i = 0; i < n; i++) {
            Outcome o = logged.get(i);
            AttemptLog log = o.log();
            ids[i] = o.claimed().id();
            attempts[i] = o.claimed().attempt();
            statuses[i] = log.status();
            latencies[i] = (int) Math.min(Integer.MAX_VALUE, log.latencyMillis());
            errors[i] = log.error();
            sent[i] = log.sentAt() == null ? null : log.sentAt().toString();
            String response = log.response();
            responses[i] = response == null || response.length() <= AttemptLog.MAX_RESPONSE_CHARS ? response
                    : response.substring(0, AttemptLog.MAX_RESPONSE_CHARS);
        }
        try (PreparedStatement ps = c.prepareStatement(LOG_ATTEMPTS)) {
            ps.setArray(1, c.createArrayOf("uuid", ids));
            ps.setArray(2, c.createArrayOf("int", attempts));
            ps.setArray(3, c.createArrayOf("int", statuses));
            ps.setArray(4, c.createArrayOf("int", latencies));
            ps.setArray(5, c.createArrayOf("text", errors));
            ps.setArray(6, c.createArrayOf("text", responses));
            ps.setArray(7, c.createArrayOf("text", sent));
            ps.executeUpdate();
        }
    }

    /** Puts {@code messages} on their queues. */
    static void enqueue(Connection c, List<QueueMessage> messages) throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        int n = messages.size();
        Object[] ids = new Object[n];
        Object[] queues = new Object[n];
        Object[] bodies = new Object[n];
        Object[] attributes = new Object[n];
        try {
            for (int i = 0; i < n; i++) {
                QueueMessage m = messages.get(i);
                ids[i] = UUID.randomUUID();
                queues[i] = m.queue();
                bodies[i] = m.body();
                attributes[i] = JSON.writeValueAsString(m.attributes());
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try (PreparedStatement ps = c.prepareStatement(ENQUEUE)) {
            ps.setArray(1, c.createArrayOf("uuid", ids));
            ps.setArray(2, c.createArrayOf("text", queues));
            ps.setArray(3, c.createArrayOf("text", bodies));
            ps.setArray(4, c.createArrayOf("text", attributes));
            int stored = ps.executeUpdate();
            if (stored < n) {
                // only in a race: a queue cannot be deleted while a bus or target sends to it
                LOG.error("{} of {} queue messages were dropped: their queue was deleted ({})", n - stored, n,
                        messages.stream().map(QueueMessage::queue).distinct().toList());
            }
        }
    }

    /** Gives a claimed delivery back without spending its attempt: due again at {@code at}. */
    static boolean defer(Connection c, String worker, ClaimedDelivery claimed, Instant at, DeliveryHold why)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE delivery SET state = 'AVAILABLE', attempt = attempt - 1, next_attempt_at = ?, held_by = ?,
                                    leased_by = NULL, lease_expires_at = NULL, updated_at = now()
                WHERE id = ? AND state = 'RUNNING' AND leased_by = ? AND attempt = ?
                """)) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, why.name());
            ps.setObject(3, claimed.id());
            ps.setString(4, worker);
            ps.setInt(5, claimed.attempt());
            return ps.executeUpdate() == 1;
        }
    }
}
