package io.eventbus.control.queue;

import io.eventbus.control.audit.AuditLog;
import io.eventbus.control.auth.Caller;
import io.eventbus.control.concurrency.Versions;
import io.eventbus.core.problem.Conflict;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.role.ControlRole;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Queues in PostgreSQL. Each public method is one transaction. Thread-safe. */
@Singleton
@ControlRole
public class QueueStore {

    private static final String SELECT = """
            SELECT q.name, q.description, q.visibility_timeout_seconds, q.message_retention_seconds,
                   (SELECT count(*) FROM queue_message m WHERE m.queue_id = q.id AND m.visible_at <= now()),
                   (SELECT count(*) FROM queue_message m WHERE m.queue_id = q.id AND m.visible_at > now()),
                   q.created_at, q.updated_at, q.version
            FROM queue q
            """;

    private final JdbcOperations jdbc;
    private final AuditLog audit;

    QueueStore(JdbcOperations jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional
    public Queue create(Caller caller, String name, String description, int visibilityTimeout, int retention) {
        boolean inserted = jdbc.prepareStatement("""
                INSERT INTO queue (name, description, visibility_timeout_seconds, message_retention_seconds)
                VALUES (?, ?, ?, ?) ON CONFLICT (name) DO NOTHING
                """, ps -> {
            ps.setString(1, name);
            ps.setString(2, description);
            ps.setInt(3, visibilityTimeout);
            ps.setInt(4, retention);
            return ps.executeUpdate() == 1;
        });
        if (!inserted) {
            throw new Conflict("queue '" + name + "' already exists");
        }
        audit.record(caller, "queue.create", "queues/" + name, Map.of("visibilityTimeoutSeconds", visibilityTimeout,
                "messageRetentionSeconds", retention));
        return find(name).orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<Queue> list() {
        return jdbc.prepareStatement(SELECT + " ORDER BY q.name", QueueStore::all);
    }

    @Transactional(readOnly = true)
    public Optional<Queue> find(String name) {
        return jdbc.prepareStatement(SELECT + " WHERE q.name = ?", ps -> {
            ps.setString(1, name);
            return all(ps).stream().findFirst();
        });
    }

    /** The id of an existing queue, for references from buses and targets. */
    @Transactional(readOnly = true)
    public Optional<Long> idOf(String name) {
        return jdbc.prepareStatement("SELECT id FROM queue WHERE name = ?", ps -> {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        });
    }

    /**
     * Changes a queue's description, visibility timeout and retention. The visibility timeout applies to the next
     * receives; the retention to every message, as SQS does: those older than the new retention expire.
     */
    @Transactional
    public Queue update(Caller caller, String name, String description, int visibilityTimeout, int retention,
                       OptionalLong ifMatch) {
        Queue queue = jdbc.prepareStatement(SELECT + " WHERE q.name = ? FOR UPDATE OF q", ps -> {
            ps.setString(1, name);
            return all(ps).stream().findFirst();
        }).orElseThrow(() -> new NotFound("queue '" + name + "' does not exist"));
        Versions.check(ifMatch, queue.version(), "queue '" + name + "'");
        jdbc.prepareStatement("""
                UPDATE queue SET description = ?, visibility_timeout_seconds = ?, message_retention_seconds = ?,
                                 version = version + 1, updated_at = now()
                WHERE name = ?
                """, ps -> {
            ps.setString(1, description);
            ps.setInt(2, visibilityTimeout);
            ps.setInt(3, retention);
            ps.setString(4, name);
            return ps.executeUpdate();
        });
        if (retention != queue.messageRetentionSeconds()) {
            jdbc.prepareStatement("""
                    UPDATE queue_message m SET expires_at = m.sent_at + make_interval(secs => ?)
                    FROM queue q WHERE q.name = ? AND m.queue_id = q.id
                    """, ps -> {
                ps.setInt(1, retention);
                ps.setString(2, name);
                return ps.executeUpdate();
            });
        }
        audit.record(caller, "queue.update", "queues/" + name, Map.of("visibilityTimeoutSeconds", visibilityTimeout,
                "messageRetentionSeconds", retention));
        return find(name).orElseThrow();
    }

    /** Deletes a queue and its messages; refused while a bus or target sends to it. */
    @Transactional
    public void delete(Caller caller, String name, OptionalLong ifMatch) {
        Queue queue = jdbc.prepareStatement(SELECT + " WHERE q.name = ? FOR UPDATE OF q", ps -> {
            ps.setString(1, name);
            return all(ps).stream().findFirst();
        }).orElseThrow(() -> new NotFound("queue '" + name + "' does not exist"));
        Versions.check(ifMatch, queue.version(), "queue '" + name + "'");
        List<String> users = users(name);
        if (!users.isEmpty()) {
            throw new Conflict("queue '" + name + "' is in use by " + String.join(", ", users)
                    + "; change those first");
        }
        jdbc.prepareStatement("DELETE FROM queue WHERE name = ?", ps -> {
            ps.setString(1, name);
            return ps.executeUpdate();
        });
        audit.record(caller, "queue.delete", "queues/" + name, null);
    }

    private List<String> users(String name) {
        return jdbc.prepareStatement("""
                SELECT 'bus ' || b.name FROM bus b JOIN queue q ON q.id = b.dead_letter_queue_id WHERE q.name = ?
                UNION ALL
                SELECT 'rule ' || b.name || '/' || r.name || ' target ' || t.target_id
                FROM target t JOIN rule r ON r.id = t.rule_id JOIN bus b ON b.id = r.bus_id
                LEFT JOIN queue q ON q.id = t.dead_letter_queue_id
                WHERE q.name = ? OR (t.type = 'queue' AND t.config ->> 'name' = ?)
                ORDER BY 1 LIMIT 20
                """, ps -> {
            ps.setString(1, name);
            ps.setString(2, name);
            ps.setString(3, name);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    private static List<Queue> all(PreparedStatement ps) throws SQLException {
        List<Queue> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Queue(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                        new Queue.Depth(rs.getLong(5), rs.getLong(6)), rs.getTimestamp(7).toInstant(),
                        rs.getTimestamp(8).toInstant(), rs.getLong(9)));
            }
        }
        return out;
    }
}
