package io.eventbus.control.queue;

import io.eventbus.control.audit.AuditLog;
import io.eventbus.control.auth.Caller;
import io.eventbus.core.delivery.NewDelivery;
import io.eventbus.core.problem.Conflict;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.role.ControlRole;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Sends dead letters' events again to the rules' targets they failed at: one message, or every message a filter
 * matches. Each becomes a new delivery of the stored event (the dead-lettered one stays as it ended) and its message
 * is deleted, in one transaction. A new delivery gets its first attempt whatever the event's age; retries after it
 * follow the target's retry policy. Many at once are spread at a rate (the n-th due n / rate seconds on), so the
 * receiver is not flooded; a message whose event, rule or target is gone, or that is no dead letter, stays in the
 * queue and is counted with the reason. Audited as {@code queue.redrive} and {@code queue.bulk-redrive}.
 * Thread-safe.
 */
@Singleton
@ControlRole
public class RedriveDeadLetters {

    private final JdbcOperations jdbc;
    private final AuditLog audit;
    private final InspectQueue queues;

    RedriveDeadLetters(JdbcOperations jdbc, AuditLog audit, InspectQueue queues) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.queues = queues;
    }

    /**
     * @param deliveryId the new delivery of the event to its target
     * @param eventId    the event sent again
     */
    public record Redriven(UUID messageId, UUID deliveryId, String bus, String rule, String target, UUID eventId)
            implements Attempt {
    }

    /**
     * What a bulk redrive did.
     *
     * @param matched   messages the filter matches
     * @param redriven  of them, sent again (0 on a dry run)
     * @param skipped   of those tried, left in the queue, by reason
     * @param remaining matching messages not tried (past the limit, or locked at that moment), and those skipped
     * @param lastDueAt when the last new delivery is due
     */
    public record BulkRedriven(boolean dryRun, long matched, long redriven, Map<String, Long> skipped,
                               long remaining, int ratePerSecond, Instant lastDueAt) {
    }

    /**
     * Redrives one message.
     *
     * @throws NotFound when the queue or the message does not exist
     * @throws Conflict when the message is no dead letter, or its event, rule or target is gone
     */
    @Transactional
    public Redriven redrive(Caller caller, String queue, UUID messageId) {
        Attempt attempt = redriveOne(queues.queueId(queue), queue, messageId, Instant.now());
        if (attempt instanceof Left left) {
            throw new Conflict(left.detail());
        }
        Redriven done = (Redriven) attempt;
        audit.record(caller, "queue.redrive", "queues/" + queue + "/messages/" + messageId, Map.of("event",
                done.eventId().toString(), "rule", done.bus() + "/" + done.rule(), "target", done.target(),
                "delivery", done.deliveryId().toString()));
        return done;
    }

    /** Redrives, oldest first, up to {@code limit} of the messages {@code filter} matches, at {@code ratePerSecond}. */
    @Transactional
    public BulkRedriven redriveAll(Caller caller, String queue, MessageFilter filter, int limit, int ratePerSecond,
                                   boolean dryRun) {
        long queueId = queues.queueId(queue);
        long matched = queues.count(queueId, filter);
        if (dryRun || matched == 0) {
            return new BulkRedriven(dryRun, matched, 0, Map.of(), matched, ratePerSecond, null);
        }
        List<UUID> ids = jdbc.prepareStatement("SELECT m.id FROM queue_message m WHERE " + MessageFilter.WHERE
                + " ORDER BY m.sent_at, m.id LIMIT ? FOR UPDATE SKIP LOCKED", ps -> {
            ps.setInt(filter.bind(ps, queueId), limit);
            List<UUID> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getObject(1, UUID.class));
                }
            }
            return found;
        });
        Instant now = Instant.now();
        Instant last = null;
        long redriven = 0;
        Map<String, Long> skipped = new TreeMap<>();
        for (UUID id : ids) {
            Instant due = now.plusNanos(redriven * 1_000_000_000L / ratePerSecond);
            if (redriveOne(queueId, queue, id, due) instanceof Left left) {
                skipped.merge(left.reason(), 1L, Long::sum);
            } else {
                redriven++;
                last = due;
            }
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("rule", filter.rule());
        detail.put("target", filter.target());
        detail.put("errorCode", filter.errorCode());
        detail.put("ratePerSecond", ratePerSecond);
        detail.put("redriven", redriven);
        detail.put("skipped", skipped);
        audit.record(caller, "queue.bulk-redrive", "queues/" + queue, detail);
        return new BulkRedriven(false, matched, redriven, skipped, matched - redriven, ratePerSecond, last);
    }

    /** What redriving one message came to: {@link Redriven}, or {@link Left} in the queue. */
    private sealed interface Attempt permits Redriven, Left {
    }

    /**
     * A message left in the queue.
     *
     * @param reason a few words for counting ("event no longer stored")
     * @param detail the full sentence, with the ids
     */
    private record Left(String reason, String detail) implements Attempt {
    }

    /** The new delivery is due at {@code due}; the message is deleted. Nothing is written when it is left. */
    private Attempt redriveOne(long queueId, String queue, UUID messageId, Instant due) {
        DeadLetter letter = deadLetter(queueId, queue, messageId);
        if (letter.left() != null) {
            return letter.left();
        }
        StoredEvent event = storedEvent(letter);
        if (event == null) {
            return new Left("event no longer stored", "event " + letter.eventId() + " is no longer stored on bus '"
                    + letter.bus() + "' (past its retention, or the bus was deleted); the message stays in the queue");
        }
        if (!targetExists(event.busId(), letter)) {
            return new Left("rule or target deleted", "rule '" + letter.bus() + "/" + letter.rule()
                    + "' has no target '" + letter.target() + "' any more; the message stays in the queue");
        }
        UUID deliveryId = UUID.randomUUID();
        NewDelivery delivery = new NewDelivery(deliveryId, event.id(), event.ingestedAt(), event.busId(), letter.rule(),
                letter.target(), due);
        jdbc.execute(c -> {
            delivery.insert(c);
            return null;
        });
        jdbc.prepareStatement("DELETE FROM queue_message WHERE id = ?", ps -> {
            ps.setObject(1, messageId);
            return ps.executeUpdate();
        });
        return new Redriven(messageId, deliveryId, letter.bus(), letter.rule(), letter.target(), event.id());
    }

    /** A message as a dead letter: its event and where it failed; or, {@code left} not null, why it is none. */
    private record DeadLetter(UUID eventId, String bus, String rule, String target, Left left) {

        static DeadLetter none(Left why) {
            return new DeadLetter(null, null, null, null, why);
        }
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
                    return DeadLetter.none(new Left("not a dead letter", "message " + messageId + " is no dead"
                            + " letter (it has no RULE and TARGET attributes); only dead letters can be redriven"));
                }
                UUID eventId = queues.eventIdOf(rs.getString(1));
                if (eventId == null) {
                    return DeadLetter.none(new Left("not an event", "the body of message " + messageId
                            + " is not the event Eventbus dead-lettered"));
                }
                return new DeadLetter(eventId, rule.substring(0, slash), rule.substring(slash + 1), target, null);
            }
        });
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
                    return null;
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

}
