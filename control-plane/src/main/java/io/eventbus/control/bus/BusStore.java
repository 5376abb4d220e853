package io.eventbus.control.bus;

import io.eventbus.control.audit.AuditLog;
import io.eventbus.control.auth.Caller;
import io.eventbus.control.concurrency.Versions;
import io.eventbus.core.target.BusConfig;
import io.eventbus.core.change.ConfigChannel;
import io.eventbus.core.problem.Conflict;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.role.ControlRole;
import io.eventbus.core.schema.SchemaValidation;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Buses in PostgreSQL. Each public method is one transaction that also writes the audit log and announces
 * the change on {@link ConfigChannel}. Thread-safe.
 */
@Singleton
@ControlRole
public class BusStore {

    /** The bus every installation has; it cannot be deleted. */
    public static final String DEFAULT_BUS = "default";

    private static final String SELECT = """
            SELECT b.name, b.description, b.event_retention_days, q.name,
                   (SELECT count(*) FROM rule r WHERE r.bus_id = b.id), b.created_at, b.updated_at, b.version,
                   b.schema_validation, b.require_schema, b.schema_discovery
            FROM bus b LEFT JOIN queue q ON q.id = b.dead_letter_queue_id
            """;

    private final JdbcOperations jdbc;
    private final AuditLog audit;

    BusStore(JdbcOperations jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Settings with defaults applied and the dead-letter queue resolved to its id. */
    record ValidSettings(int retentionDays, String deadLetterQueue, Long deadLetterQueueId,
                         SchemaValidation schemaValidation, boolean requireSchema, boolean schemaDiscovery) {
    }

    @Transactional
    public Bus create(Caller caller, String name, String description, ValidSettings settings) {
        boolean inserted = jdbc.prepareStatement("""
                INSERT INTO bus (name, description, event_retention_days, dead_letter_queue_id, schema_validation,
                                 require_schema, schema_discovery)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING
                """, ps -> {
            ps.setString(1, name);
            ps.setString(2, description);
            ps.setInt(3, settings.retentionDays());
            ps.setObject(4, settings.deadLetterQueueId(), Types.BIGINT);
            ps.setString(5, settings.schemaValidation().name());
            ps.setBoolean(6, settings.requireSchema());
            ps.setBoolean(7, settings.schemaDiscovery());
            return ps.executeUpdate() == 1;
        });
        if (!inserted) {
            throw new Conflict("bus '" + name + "' already exists");
        }
        audit.record(caller, "bus.create", "buses/" + name, auditDetail(description, settings));
        announce(name);
        return find(name).orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<Bus> list() {
        return jdbc.prepareStatement(SELECT + " ORDER BY b.name", BusStore::all);
    }

    /** The bus' row id, for the queries of other features; 404 when there is no such bus. */
    @Transactional(readOnly = true)
    public long id(String name) {
        return jdbc.prepareStatement("SELECT id FROM bus WHERE name = ?", ps -> {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("bus '" + name + "' does not exist");
                }
                return rs.getLong(1);
            }
        });
    }

    @Transactional(readOnly = true)
    public Optional<Bus> find(String name) {
        return jdbc.prepareStatement(SELECT + " WHERE b.name = ?", ps -> {
            ps.setString(1, name);
            return all(ps).stream().findFirst();
        });
    }

    @Transactional
    public Bus update(Caller caller, String name, String description, ValidSettings settings, OptionalLong ifMatch) {
        Bus current = locked(name);
        Versions.check(ifMatch, current.version(), "bus '" + name + "'");
        jdbc.prepareStatement("""
                UPDATE bus SET description = ?, event_retention_days = ?, dead_letter_queue_id = ?,
                               schema_validation = ?, require_schema = ?, schema_discovery = ?,
                               version = version + 1, updated_at = now()
                WHERE name = ?
                """, ps -> {
            ps.setString(1, description);
            ps.setInt(2, settings.retentionDays());
            ps.setObject(3, settings.deadLetterQueueId(), Types.BIGINT);
            ps.setString(4, settings.schemaValidation().name());
            ps.setBoolean(5, settings.requireSchema());
            ps.setBoolean(6, settings.schemaDiscovery());
            ps.setString(7, name);
            return ps.executeUpdate();
        });
        audit.record(caller, "bus.update", "buses/" + name, auditDetail(description, settings));
        announce(name);
        return find(name).orElseThrow();
    }

    /**
     * Deletes a bus; its rules and targets go with it only when {@code force}. A bus with archives is refused even
     * then: an archive is deleted on its own, with the events it holds. Archive creation holds the bus row
     * {@code FOR KEY SHARE}, so under this row lock no archive of the bus can appear before the delete.
     */
    @Transactional
    public void delete(Caller caller, String name, boolean force, OptionalLong ifMatch) {
        if (DEFAULT_BUS.equals(name)) {
            throw new Conflict("the default bus cannot be deleted");
        }
        Bus current = locked(name);
        Versions.check(ifMatch, current.version(), "bus '" + name + "'");
        List<String> archives = archivesOf(name);
        if (!archives.isEmpty()) {
            throw new Conflict("bus '" + name + "' has archives " + String.join(", ", archives)
                    + ": delete them first");
        }
        List<String> forwarders = forwardersTo(name);
        if (!forwarders.isEmpty()) {
            throw new Conflict("bus '" + name + "' is the target of " + String.join(", ", forwarders)
                    + ": change or delete those targets first");
        }
        if (current.ruleCount() > 0 && !force) {
            throw new Conflict("bus '" + name + "' has " + current.ruleCount() + " rule(s); delete them first, or"
                    + " delete the bus with ?force=true to delete its rules too");
        }
        jdbc.prepareStatement("DELETE FROM bus WHERE name = ?", ps -> {
            ps.setString(1, name);
            return ps.executeUpdate();
        });
        audit.record(caller, "bus.delete", "buses/" + name, Map.of("force", force, "rulesDeleted", current.ruleCount()));
        announce(name);
    }

    /** Reads a bus and locks its row until the transaction ends, serialising writers of the same bus. */
    @Transactional(propagation = io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY)
    public Bus locked(String name) {
        return jdbc.prepareStatement(SELECT + " WHERE b.name = ? FOR UPDATE OF b", ps -> {
            ps.setString(1, name);
            return all(ps).stream().findFirst();
        }).orElseThrow(() -> new NotFound("bus '" + name + "' does not exist"));
    }

    /** The bus targets of other buses' rules that forward to {@code bus}. */
    private List<String> forwardersTo(String bus) {
        return jdbc.prepareStatement("""
                SELECT 'rule ' || b.name || '/' || r.name || ' target ' || t.target_id
                FROM target t JOIN rule r ON r.id = t.rule_id JOIN bus b ON b.id = r.bus_id
                WHERE t.type = ? AND t.config ->> 'name' = ? AND b.name <> ?
                ORDER BY 1 LIMIT 20
                """, ps -> {
            ps.setString(1, BusConfig.TYPE.name());
            ps.setString(2, bus);
            ps.setString(3, bus);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
    }

    private List<String> archivesOf(String bus) {
        return jdbc.prepareStatement("""
                SELECT a.name FROM archive a JOIN bus b ON b.id = a.bus_id WHERE b.name = ? ORDER BY a.name
                """, ps -> {
            ps.setString(1, bus);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
    }

    private void announce(String bus) {
        jdbc.execute(connection -> {
            ConfigChannel.announce(connection, bus);
            return null;
        });
    }

    private static Map<String, Object> auditDetail(String description, ValidSettings settings) {
        Map<String, Object> detail = new HashMap<>();
        detail.put("description", description);
        detail.put("eventRetentionDays", settings.retentionDays());
        detail.put("deadLetterQueue", settings.deadLetterQueue());
        detail.put("schemaValidation", settings.schemaValidation().name());
        detail.put("requireSchema", settings.requireSchema());
        detail.put("schemaDiscovery", settings.schemaDiscovery());
        return detail;
    }


    private static List<Bus> all(PreparedStatement ps) throws SQLException {
        List<Bus> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Bus(rs.getString(1), rs.getString(2), new BusSettings(rs.getInt(3), rs.getString(4),
                        SchemaValidation.valueOf(rs.getString(9)), rs.getBoolean(10), rs.getBoolean(11)),
                        rs.getInt(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(), rs.getLong(8)));
            }
        }
        return out;
    }
}
