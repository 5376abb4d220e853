package io.eventbus.data.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.role.DataRole;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The messages of built-in queues in PostgreSQL ({@code queue_message}, written also by deliveries and dead
 * letters in {@code outbox.RecordOutcome}): send, claim, delete, change visibility. Each method is one transaction
 * and, on the common path, one statement. Time is the database's ({@code now()}), the same for every process.
 * Counts {@code eventbus.queue.messages{queue,action}}. Thread-safe.
 */
@Singleton
@DataRole
class QueueMessages {

    /** A queue as receives need it. */
    record Queue(long id, String name, int visibilityTimeoutSeconds) {
    }

    /** One receive: at most {@code maxMessages}, each hidden from other receives for {@code visibilitySeconds}. */
    record Claim(Queue queue, int maxMessages, int visibilitySeconds) {
    }

    /** A sent message: its id, and the queue's id to wake receives waiting on it. */
    record Sent(UUID messageId, long queueId) {
    }

    /** RETURNING has no order; the claim's order is put back by when each message had become visible. */
    private record Claimed(ReceivedMessage message, Timestamp wasVisibleAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Oldest visible first: in {@code visible_at} order, which is send order for messages not yet received, so
     * the claim walks {@code queue_message_receive_idx} and stops at the limit however long the backlog is.
     * Locked rows are skipped, so concurrent receives never get the same message.
     */
    private static final String CLAIM = """
            WITH picked AS (
                SELECT id, visible_at FROM queue_message
                WHERE queue_id = ? AND visible_at <= now() AND expires_at > now()
                ORDER BY visible_at
                LIMIT ?
                FOR UPDATE SKIP LOCKED
            )
            UPDATE queue_message m
            SET visible_at = now() + make_interval(secs => ?), receive_count = m.receive_count + 1,
                receipt_token = gen_random_uuid()
            FROM picked WHERE m.id = picked.id
            RETURNING m.id, m.receipt_token, m.body, m.attributes::text, m.receive_count, m.sent_at, picked.visible_at
            """;

    private final JdbcOperations jdbc;
    private final MeterRegistry meters;
    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();

    QueueMessages(JdbcOperations jdbc, @Nullable MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    @Transactional(readOnly = true)
    public Optional<Queue> find(String name) {
        return jdbc.prepareStatement("SELECT id, visibility_timeout_seconds FROM queue WHERE name = ?", ps -> {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Queue(rs.getLong(1), name, rs.getInt(2))) : Optional.empty();
            }
        });
    }

    /**
     * Puts a message on the queue, visible after {@code delaySeconds}, kept for the queue's retention.
     *
     * @throws NotFound when the queue does not exist
     */
    @Transactional
    public Sent send(String queue, String body, Map<String, String> attributes, int delaySeconds) {
        UUID id = ids.generate();
        Optional<Long> queueId = jdbc.prepareStatement("""
                INSERT INTO queue_message (id, queue_id, body, attributes, visible_at, expires_at)
                SELECT ?, q.id, ?, CAST(? AS jsonb), now() + make_interval(secs => ?),
                       now() + make_interval(secs => q.message_retention_seconds)
                FROM queue q WHERE q.name = ?
                RETURNING queue_id
                """, ps -> {
            ps.setObject(1, id);
            ps.setString(2, body);
            ps.setString(3, json(attributes));
            ps.setInt(4, delaySeconds);
            ps.setString(5, queue);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        });
        Sent sent = new Sent(id, queueId.orElseThrow(() -> noQueue(queue)));
        count(queue, "sent", 1);
        return sent;
    }

    /** Takes up to {@code claim.maxMessages()} visible messages, oldest first; none when there are none. */
    @Transactional
    public List<ReceivedMessage> claim(Claim claim) {
        List<ReceivedMessage> out = jdbc.prepareStatement(CLAIM, ps -> {
            ps.setLong(1, claim.queue().id());
            ps.setInt(2, claim.maxMessages());
            ps.setInt(3, claim.visibilitySeconds());
            List<Claimed> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Claimed(message(rs), rs.getTimestamp(7)));
                }
            }
            rows.sort(Comparator.comparing(Claimed::wasVisibleAt).thenComparing(c -> c.message().messageId()));
            return rows.stream().map(Claimed::message).toList();
        });
        count(claim.queue().name(), "received", out.size());
        return out;
    }

    /**
     * Deletes the message of {@code handle}.
     *
     * @throws NotFound when the queue does not exist, the message is gone (deleted, expired), or it was received
     *                  again since the handle was given out (the detail says which)
     */
    @Transactional
    public void delete(String queue, ReceiptHandle handle) {
        int deleted = jdbc.prepareStatement("""
                DELETE FROM queue_message m USING queue q
                WHERE q.id = m.queue_id AND q.name = ? AND m.id = ? AND m.receipt_token = ?
                """, ps -> {
            ps.setString(1, queue);
            ps.setObject(2, handle.messageId());
            ps.setObject(3, handle.token());
            return ps.executeUpdate();
        });
        if (deleted == 0) {
            throw whyNot(queue, handle);
        }
        count(queue, "deleted", 1);
    }

    /**
     * Makes the message of {@code handle} visible again {@code seconds} from now (0: at once).
     *
     * @return the queue's id, to wake receives waiting on it
     * @throws NotFound as {@link #delete}
     */
    @Transactional
    public long changeVisibility(String queue, ReceiptHandle handle, int seconds) {
        Optional<Long> queueId = jdbc.prepareStatement("""
                UPDATE queue_message m SET visible_at = now() + make_interval(secs => ?) FROM queue q
                WHERE q.id = m.queue_id AND q.name = ? AND m.id = ? AND m.receipt_token = ? AND m.expires_at > now()
                RETURNING q.id
                """, ps -> {
            ps.setInt(1, seconds);
            ps.setString(2, queue);
            ps.setObject(3, handle.messageId());
            ps.setObject(4, handle.token());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        });
        return queueId.orElseThrow(() -> whyNot(queue, handle));
    }

    /** Those of {@code queueIds} that have a message to receive now. */
    @Transactional(readOnly = true)
    public List<Long> withVisibleMessages(Collection<Long> queueIds) {
        return jdbc.prepareStatement("""
                SELECT q.id FROM unnest(?::bigint[]) AS q(id)
                WHERE EXISTS (SELECT 1 FROM queue_message m
                              WHERE m.queue_id = q.id AND m.visible_at <= now() AND m.expires_at > now())
                """, ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("bigint", queueIds.toArray()));
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        });
    }

    private NotFound whyNot(String queue, ReceiptHandle handle) {
        return jdbc.prepareStatement("""
                SELECT q.id IS NOT NULL, m.id IS NOT NULL, m.receive_count
                FROM (SELECT 1) one
                LEFT JOIN queue q ON q.name = ?
                LEFT JOIN queue_message m ON m.queue_id = q.id AND m.id = ? AND m.expires_at > now()
                """, ps -> {
            ps.setString(1, queue);
            ps.setObject(2, handle.messageId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return noQueue(queue);
                }
                if (!rs.getBoolean(2)) {
                    return new NotFound("message " + handle.messageId() + " is not in queue '" + queue
                            + "': it was deleted or has expired");
                }
                return new NotFound("the receipt handle of message " + handle.messageId() + " is stale: the message"
                        + " was received again since (" + rs.getInt(3) + " receives); only the latest receive's"
                        + " handle deletes it or changes its visibility");
            }
        });
    }

    private static NotFound noQueue(String queue) {
        return new NotFound("queue '" + queue + "' does not exist");
    }

    private static ReceivedMessage message(ResultSet rs) throws SQLException {
        UUID id = rs.getObject(1, UUID.class);
        return new ReceivedMessage(id, new ReceiptHandle(id, rs.getObject(2, UUID.class)).encode(), rs.getString(3),
                attributes(rs.getString(4)), rs.getInt(5), rs.getTimestamp(6).toInstant());
    }

    /** Attributes are string to string; a value of another JSON type (written by hand) is shown as its JSON. */
    private static Map<String, String> attributes(String json) {
        try {
            Map<String, String> out = new LinkedHashMap<>();
            JsonNode node = JSON.readTree(json);
            node.properties().forEach(e -> out.put(e.getKey(),
                    e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("queue_message.attributes is not JSON", e);
        }
    }

    private static String json(Map<String, String> attributes) {
        try {
            return JSON.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void count(String queue, String action, int n) {
        if (meters != null && n > 0) {
            meters.counter("eventbus.queue.messages", "queue", queue, "action", action).increment(n);
        }
    }
}
