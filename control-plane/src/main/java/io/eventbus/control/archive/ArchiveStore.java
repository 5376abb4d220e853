package io.eventbus.control.archive;

import io.eventbus.control.audit.AuditLog;
import io.eventbus.control.auth.Caller;
import io.eventbus.control.concurrency.Versions;
import io.eventbus.core.change.ConfigChannel;
import io.eventbus.core.problem.Conflict;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.ControlRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Archives in PostgreSQL. Each public method is one transaction; each write also records itself in the audit log
 * and announces the archive's bus on {@link ConfigChannel}, so data planes rebuild the bus and archive (or stop
 * archiving) from the commit on. Thread-safe.
 */
@Singleton
@ControlRole
class ArchiveStore {

    /** Days of daily partitions made ahead at creation; the data plane's maintenance keeps making them after. */
    private static final int DAYS_AHEAD = 7;

    private final JdbcOperations jdbc;
    private final AuditLog audit;
    private final ReadArchives read;

    ArchiveStore(JdbcOperations jdbc, AuditLog audit, ReadArchives read) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.read = read;
    }

    /** What an archive keeps, validated: the pattern as JSON text (null for every event). */
    record Settings(@Nullable String description, @Nullable String eventPattern, int retentionDays) {
    }

    /**
     * Creates an archive and its partitions. The bus row is held {@code FOR KEY SHARE} until commit, so a delete of
     * the bus waits and then sees the archive (and refuses), while archives of one bus are created side by side.
     */
    @Transactional
    public Archive create(Caller caller, String name, String bus, Settings settings) {
        long busId = jdbc.prepareStatement("SELECT id FROM bus WHERE name = ? FOR KEY SHARE", ps -> {
            ps.setString(1, bus);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("bus '" + bus + "' does not exist");
                }
                return rs.getLong(1);
            }
        });
        Optional<Long> id = jdbc.prepareStatement("""
                INSERT INTO archive (name, bus_id, description, event_pattern, retention_days)
                VALUES (?, ?, ?, CAST(? AS jsonb), ?) ON CONFLICT (name) DO NOTHING RETURNING id
                """, ps -> {
            ps.setString(1, name);
            ps.setLong(2, busId);
            ps.setString(3, settings.description());
            ps.setString(4, settings.eventPattern());
            ps.setInt(5, settings.retentionDays());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
            }
        });
        if (id.isEmpty()) {
            throw new Conflict("archive '" + name + "' already exists");
        }
        jdbc.prepareStatement("SELECT eventbus_ensure_archive_partitions(?, ?)", ps -> {
            ps.setLong(1, id.get());
            ps.setInt(2, DAYS_AHEAD);
            return ps.execute();
        });
        audit.record(caller, "archive.create", "archives/" + name, auditDetail(bus, settings));
        announce(bus);
        return read.find(name).orElseThrow();
    }

    /** Replaces what an archive keeps; its bus stays (a {@code bus} that names another is refused). */
    @Transactional
    public Archive update(Caller caller, String name, @Nullable String bus, Settings settings, OptionalLong ifMatch) {
        Locked current = locked(name);
        Versions.check(ifMatch, current.version(), "archive '" + name + "'");
        if (bus != null && !bus.equals(current.bus())) {
            throw new ValidationError("bus", "archive '" + name + "' is on bus '" + current.bus()
                    + "', and an archive's bus cannot change; create another archive on bus '" + bus + "'");
        }
        jdbc.prepareStatement("""
                UPDATE archive SET description = ?, event_pattern = CAST(? AS jsonb), retention_days = ?,
                                   version = version + 1, updated_at = now()
                WHERE id = ?
                """, ps -> {
            ps.setString(1, settings.description());
            ps.setString(2, settings.eventPattern());
            ps.setInt(3, settings.retentionDays());
            ps.setLong(4, current.id());
            return ps.executeUpdate();
        });
        audit.record(caller, "archive.update", "archives/" + name, auditDetail(current.bus(), settings));
        announce(current.bus());
        return read.find(name).orElseThrow();
    }

    /**
     * Deletes an archive and its events, unless a replay of it is active. The archive row is locked first, so a
     * replay being created of it either committed before (and is seen here) or waits and then finds no archive.
     */
    @Transactional
    public void delete(Caller caller, String name, OptionalLong ifMatch) {
        Locked current = locked(name);
        Versions.check(ifMatch, current.version(), "archive '" + name + "'");
        List<String> active = jdbc.prepareStatement("""
                SELECT name FROM replay
                WHERE archive_id = ? AND state IN ('STARTING', 'RUNNING', 'CANCELLING') ORDER BY name
                """, ps -> {
            ps.setLong(1, current.id());
            List<String> names = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
        if (!active.isEmpty()) {
            throw new Conflict("archive '" + name + "' has active replays " + String.join(", ", active)
                    + ": cancel them, or wait until they finish");
        }
        jdbc.prepareStatement("DELETE FROM archive WHERE id = ?", ps -> {
            ps.setLong(1, current.id());
            return ps.executeUpdate();
        });
        // A table name cannot be a parameter; this one is made of the row's numeric id, never of request text.
        jdbc.execute(connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS archived_event_" + current.id());
            }
            return null;
        });
        audit.record(caller, "archive.delete", "archives/" + name, Map.of("bus", current.bus()));
        announce(current.bus());
    }

    /** The archive's row, locked until the transaction ends. */
    private record Locked(long id, String bus, long version) {
    }

    private Locked locked(String name) {
        return jdbc.prepareStatement("""
                SELECT a.id, b.name, a.version FROM archive a JOIN bus b ON b.id = a.bus_id
                WHERE a.name = ? FOR UPDATE OF a
                """, ps -> {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("archive '" + name + "' does not exist");
                }
                return new Locked(rs.getLong(1), rs.getString(2), rs.getLong(3));
            }
        });
    }

    private void announce(String bus) {
        jdbc.execute(connection -> {
            ConfigChannel.announce(connection, bus);
            return null;
        });
    }

    private static Map<String, Object> auditDetail(String bus, Settings settings) {
        Map<String, Object> detail = new HashMap<>();
        detail.put("bus", bus);
        detail.put("description", settings.description());
        detail.put("eventPattern", settings.eventPattern());
        detail.put("retentionDays", settings.retentionDays());
        return detail;
    }
}
