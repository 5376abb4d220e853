package io.eventbus.control.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.control.audit.AuditLog;
import io.eventbus.control.auth.Caller;
import io.eventbus.core.problem.Conflict;
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
 * What an operator does with a queue's messages, beside the consumers: peek without receiving, purge, and redrive a
 * dead letter to the target it failed at. Each public method is one transaction. Thread-safe.
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

    /** A message as an operator sees it: no receipt handle, so peeking never lets anyone delete or hide it. */
    public record PeekedMessage(UUID messageId, String body, Map<String, String> attributes, int receiveCount,
                                Instant sentAt, Instant visibleAt, boolean inFlight) {
    }

    /** @param deliveryId the new delivery of the event to its target */
    public record Redriven(UUID messageId, UUID deliveryId, String bus, String rule, String target) {
    }

    /** The oldest {@code limit} messages not past their retention, visible or in flight; nothing changes. */
    @Transactional(readOnly = true)
    public List<PeekedMessage> peek(String queue, int limit) {
        long queueId = queueId(queue);
        return jdbc.prepareStatement("""
                SELECT id, body, attributes::text, receive_count, sent_at, visible_at, visible_at > now()
                FROM queue_message WHERE queue_id = ? AND expires_at > now() ORDER BY sent_at, id LIMIT ?
                """, ps -> {
            ps.setLong(1, queueId);
            ps.setInt(2, limit);
            List<PeekedMessage> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PeekedMessage(rs.getObject(1, UUID.class), rs.getString(2), attributes(rs.getString(3)),
                            rs.getInt(4), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(), rs.getBoolean(7)));
                }
            }
            return out;
        });
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

    /**
     * Sends a dead letter's event again to the rule's target it failed at: a new delivery of the stored event (the
     * dead-lettered one stays as it ended), and the message is deleted, in one transaction. The new delivery gets
     * its first attempt whatever the event's age; retries after it follow the target's retry policy.
     *
     * @throws NotFound when the queue or the message does not exist
     * @throws Conflict when the message is no dead letter, or its event, rule or target is gone
     */
    @Transactional
    public Redriven redrive(Caller caller, String queue, UUID messageId) {
        long queueId = queueId(queue);
        DeadLetter letter = deadLetter(queueId, queue, messageId);
        StoredEvent event = storedEvent(letter);
        if (!targetExists(event.busId(), letter)) {
            throw new Conflict("rule '" + letter.bus() + "/" + letter.rule() + "' has no target '" + letter.target()
                    + "' any more; the message stays in the queue");
        }
        UUID deliveryId = UUID.randomUUID();
        jdbc.prepareStatement("""
                INSERT INTO delivery (id, event_id, event_ingested_at, bus_id, rule_name, target_id)
                VALUES (?, ?, ?, ?, ?, ?)
                """, ps -> {
            ps.setObject(1, deliveryId);
            ps.setObject(2, event.id());
            ps.setTimestamp(3, Timestamp.from(event.ingestedAt()));
            ps.setLong(4, event.busId());
            ps.setString(5, letter.rule());
            ps.setString(6, letter.target());
            return ps.executeUpdate();
        });
        jdbc.prepareStatement("DELETE FROM queue_message WHERE id = ?", ps -> {
            ps.setObject(1, messageId);
            return ps.executeUpdate();
        });
        audit.record(caller, "queue.redrive", "queues/" + queue + "/messages/" + messageId, Map.of("event",
                event.id().toString(), "rule", letter.bus() + "/" + letter.rule(), "target", letter.target(),
                "delivery", deliveryId.toString()));
        return new Redriven(messageId, deliveryId, letter.bus(), letter.rule(), letter.target());
    }

    private record DeadLetter(UUID eventId, String bus, String rule, String target) {
    }

    private record StoredEvent(UUID id, Instant ingestedAt, long busId) {
    }

    private DeadLetter deadLetter(long queueId, String queue, UUID messageId) {
        return jdbc.prepareStatement("""
                SELECT body, attributes ->> 'RULE', attributes ->> 'TARGET' FROM queue_message
                WHERE queue_id = ? AND id = ? FOR UPDATE
                """, ps -> {
            ps.setLong(1, queueId);
            ps.setObject(2, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("queue '" + queue + "' has no message " + messageId);
                }
                String rule = rs.getString(2);
                String target = rs.getString(3);
                int slash = rule == null ? -1 : rule.indexOf('/');
                if (slash < 0 || target == null) {
                    throw new Conflict("message " + messageId + " is no dead letter (it has no RULE and TARGET"
                            + " attributes); only dead letters can be redriven");
                }
                return new DeadLetter(eventId(rs.getString(1), messageId), rule.substring(0, slash),
                        rule.substring(slash + 1), target);
            }
        });
    }

    private UUID eventId(String body, UUID messageId) {
        try {
            JsonNode id = json.readTree(body).path("id");
            return UUID.fromString(id.asText());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new Conflict("the body of message " + messageId + " is not the event Eventbus dead-lettered");
        }
    }

    private StoredEvent storedEvent(DeadLetter letter) {
        return jdbc.prepareStatement("""
                SELECT e.ingested_at, e.bus_id FROM event e JOIN bus b ON b.id = e.bus_id
                WHERE b.name = ? AND e.id = ? AND (CAST(? AS timestamptz) IS NULL
                      OR e.ingested_at BETWEEN CAST(? AS timestamptz) - interval '1 minute'
                                           AND CAST(? AS timestamptz) + interval '1 minute')
                """, ps -> {
            // An event id is a UUIDv7 whose first 48 bits are its ingestion time: read one day's partition.
            UUID id = letter.eventId();
            Timestamp around = id.version() == 7 ? new Timestamp(id.getMostSignificantBits() >>> 16) : null;
            ps.setString(1, letter.bus());
            ps.setObject(2, id);
            ps.setTimestamp(3, around);
            ps.setTimestamp(4, around);
            ps.setTimestamp(5, around);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new Conflict("event " + letter.eventId() + " is no longer stored on bus '" + letter.bus()
                            + "' (past its retention, or the bus was deleted); the message stays in the queue");
                }
                return new StoredEvent(letter.eventId(), rs.getTimestamp(1).toInstant(), rs.getLong(2));
            }
        });
    }

    private boolean targetExists(long busId, DeadLetter letter) {
        return jdbc.prepareStatement("""
                SELECT 1 FROM target t JOIN rule r ON r.id = t.rule_id
                WHERE r.bus_id = ? AND r.name = ? AND t.target_id = ?
                """, ps -> {
            ps.setLong(1, busId);
            ps.setString(2, letter.rule());
            ps.setString(3, letter.target());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    private long queueId(String queue) {
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
