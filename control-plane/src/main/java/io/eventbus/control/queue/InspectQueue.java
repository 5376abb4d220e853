package io.eventbus.control.queue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.control.audit.AuditLog;
import io.eventbus.control.auth.Caller;
import io.eventbus.control.query.Cursor;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.role.ControlRole;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an operator does with a queue's messages, beside the consumers: peek without receiving (a page at a time, by
 * filter), delete some, purge; redriving dead letters is {@link RedriveDeadLetters}'. Each public method is one
 * transaction. Thread-safe.
 */
@Singleton
@ControlRole
public class InspectQueue {

    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
    };

    private final JdbcOperations jdbc;
    private final AuditLog audit;
    private final ObjectMapper json;

    InspectQueue(JdbcOperations jdbc, AuditLog audit, ObjectMapper json) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.json = json;
    }

    /**
     * A message as an operator sees it: no receipt handle, so peeking never lets anyone delete or hide it.
     *
     * @param eventId the id of the event in the body, when it is an event (as in a dead letter)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PeekedMessage(UUID messageId, String body, Map<String, String> attributes, int receiveCount,
                                Instant sentAt, Instant visibleAt, boolean inFlight, UUID eventId) {
    }

    /**
     * A page of messages, oldest first.
     *
     * @param matched how many messages the filter matches in all
     * @param next    the {@code after} of the following page; null at the end
     */
    public record Page(List<PeekedMessage> messages, long matched, String next) {
    }

    /**
     * The oldest {@code limit} messages the filter matches after {@code after}, visible or in flight; nothing
     * changes.
     */
    @Transactional(readOnly = true)
    public Page peek(String queue, MessageFilter filter, int limit, Cursor<UUID> after) {
        long queueId = queueId(queue);
        long matched = count(queueId, filter);
        List<PeekedMessage> messages = jdbc.prepareStatement("""
                SELECT m.id, m.body, m.attributes::text, m.receive_count, m.sent_at, m.visible_at, m.visible_at > now()
                FROM queue_message m
                WHERE
                """ + MessageFilter.WHERE + """
                  AND (CAST(? AS timestamptz) IS NULL OR (m.sent_at, m.id) > (?, CAST(? AS uuid)))
                ORDER BY m.sent_at, m.id LIMIT ?
                """, ps -> {
            int p = filter.bind(ps, queueId);
            Timestamp at = after == null ? null : Timestamp.from(after.at());
            ps.setTimestamp(p++, at);
            ps.setTimestamp(p++, at);
            ps.setObject(p++, after == null ? null : after.key());
            ps.setInt(p, limit + 1);
            List<PeekedMessage> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String body = rs.getString(2);
                    out.add(new PeekedMessage(rs.getObject(1, UUID.class), body, attributes(rs.getString(3)),
                            rs.getInt(4), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(),
                            rs.getBoolean(7), eventIdOf(body)));
                }
            }
            return out;
        });
        String next = null;
        if (messages.size() > limit) {
            messages = messages.subList(0, limit);
            PeekedMessage last = messages.get(limit - 1);
            next = new Cursor<>(last.sentAt(), last.messageId()).format();
        }
        return new Page(messages, matched, next);
    }

    /** Deletes the messages of the queue with these ids, in flight or not; returns how many there were. */
    @Transactional
    public int delete(Caller caller, String queue, List<UUID> ids) {
        long queueId = queueId(queue);
        int deleted = jdbc.prepareStatement("DELETE FROM queue_message WHERE queue_id = ? AND id = ANY (?)", ps -> {
            ps.setLong(1, queueId);
            ps.setArray(2, ps.getConnection().createArrayOf("uuid", ids.toArray()));
            return ps.executeUpdate();
        });
        audit.record(caller, "queue.delete-messages", "queues/" + queue, Map.of("messages", ids.stream()
                .map(UUID::toString).toList(), "deleted", deleted));
        return deleted;
    }

    /** How many messages of the queue {@code filter} matches. */
    long count(long queueId, MessageFilter filter) {
        return jdbc.prepareStatement("SELECT count(*) FROM queue_message m WHERE " + MessageFilter.WHERE, ps -> {
            filter.bind(ps, queueId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** The event id of a message Eventbus wrote (a dead letter's body is the event); null for any other body. */
    UUID eventIdOf(String body) {
        if (body == null || !body.startsWith("{")) {
            return null;
        }
        try {
            return UUID.fromString(json.readTree(body).path("id").asText());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Deletes every message of the queue, in flight or not; returns how many. */
    @Transactional
    public int purge(Caller caller, String queue) {
        long queueId = queueId(queue);
        int purged = jdbc.prepareStatement("DELETE FROM queue_message WHERE queue_id = ?", ps -> {
            ps.setLong(1, queueId);
            return ps.executeUpdate();
        });
        audit.record(caller, "queue.purge", "queues/" + queue, Map.of("messages", purged));
        return purged;
    }

    long queueId(String queue) {
        return jdbc.prepareStatement("SELECT id FROM queue WHERE name = ?", ps -> {
            ps.setString(1, queue);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("queue '" + queue + "' does not exist");
                }
                return rs.getLong(1);
            }
        });
    }

    private Map<String, String> attributes(String text) throws SQLException {
        try {
            return text == null ? Map.of() : new LinkedHashMap<>(json.readValue(text, ATTRIBUTES));
        } catch (JsonProcessingException e) {
            throw new SQLException("queue_message.attributes is not a JSON object of strings", e);
        }
    }
}
