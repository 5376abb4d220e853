package io.eventbus.control.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.control.audit.AuditLog;
import io.eventbus.control.auth.Caller;
import io.eventbus.control.concurrency.Versions;
import io.eventbus.control.schema.SchemaViews.PutResult;
import io.eventbus.control.schema.SchemaViews.SchemaDetail;
import io.eventbus.control.schema.SchemaViews.SchemaSummary;
import io.eventbus.control.schema.SchemaViews.SchemaVersion;
import io.eventbus.control.schema.SchemaViews.VersionInfo;
import io.eventbus.core.change.ConfigChannel;
import io.eventbus.core.problem.Conflict;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.role.ControlRole;
import io.eventbus.core.schema.CheckCompatibility;
import io.eventbus.core.schema.Compatibility;
import io.eventbus.core.schema.CompiledSchema;
import io.eventbus.core.schema.IncompatibleSchema;
import io.eventbus.core.schema.SchemaNames;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Schemas and their versions in PostgreSQL. Each public method is one transaction; a put holds the schema's row
 * lock while it compares the new document with the versions before it, so two puts of one schema take turns.
 * Versions are never changed once written. A new version or a deletion is announced on the config channel
 * ({@code schema:<name>}), so data planes check events against it within a second of the commit. Thread-safe.
 */
@Singleton
@ControlRole
public class SchemaStore {

    private static final String SUMMARY = """
            SELECT name, description, format, compatibility, discovered, latest_version, created_at, updated_at,
                   version, id
            FROM event_schema
            """;

    /** What a put registers: the compiled document, its fingerprint and the schema's settings. */
    record Registration(String name, CompiledSchema schema, String fingerprint, Compatibility compatibility,
                        String description, boolean discovered) {
    }

    private final JdbcOperations jdbc;
    private final AuditLog audit;
    private final ObjectMapper json;

    SchemaStore(JdbcOperations jdbc, AuditLog audit, ObjectMapper json) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.json = json;
    }

    /**
     * Registers the document as the schema's next version, or answers the version that already has it (then only
     * the settings change). A new schema starts at version 1.
     *
     * @throws Conflict when the schema holds documents of another format
     * @throws IncompatibleSchema when the new version breaks the schema's compatibility setting
     */
    @Transactional
    public PutResult register(Caller caller, Registration put, OptionalLong ifMatch) {
        Optional<SchemaSummary> existing = lock(put.name());
        if (existing.isEmpty()) {
            Versions.check(ifMatch, 0, "schema '" + put.name() + "'");
            Optional<Long> id = insertSchema(put);
            if (id.isPresent()) {
                insertVersion(id.get(), 1, put);
                announce(put.name());
                audit.record(caller, "schema.create", "schemas/" + put.name(), Map.of("version", 1,
                        "format", put.schema().format().wireName(), "compatibility", put.compatibility().name()));
                return new PutResult(put.name(), 1, true, put.schema().format().wireName(),
                        put.compatibility().name(), put.schema().content(), versionCreatedAt(id.get(), 1));
            }
            existing = lock(put.name()); // created meanwhile by another put: take turns with it
        }
        SchemaSummary schema = existing.orElseThrow();
        Versions.check(ifMatch, schema.version(), "schema '" + put.name() + "'");
        if (!schema.format().equals(put.schema().format().wireName())) {
            throw new Conflict("schema '" + put.name() + "' holds " + schema.format() + " documents, not "
                    + put.schema().format().wireName() + "; register the other format under another name");
        }
        long id = schema.id();
        Optional<Integer> same = versionWithFingerprint(id, put.fingerprint());
        if (same.isPresent()) {
            if (updateSettings(id, put, schema.latestVersion(), schema.discovered())) { // its settings changed
                audit.record(caller, "schema.update", "schemas/" + put.name(), settings(put));
            }
            return new PutResult(put.name(), same.get(), false, schema.format(), put.compatibility().name(),
                    readContent(id, same.get()), versionCreatedAt(id, same.get()));
        }
        List<String> reasons = CheckCompatibility.incompatibilities(put.compatibility(), put.schema().content(),
                documents(id));
        if (!reasons.isEmpty()) {
            throw new IncompatibleSchema(put.name(), put.compatibility(), reasons);
        }
        int next = schema.latestVersion() + 1;
        insertVersion(id, next, put);
        updateSettings(id, put, next, schema.discovered() && put.discovered());
        announce(put.name());
        Map<String, Object> detail = settings(put);
        detail.put("version", next);
        audit.record(caller, "schema.version", "schemas/" + put.name(), detail);
        return new PutResult(put.name(), next, true, schema.format(), put.compatibility().name(),
                put.schema().content(), versionCreatedAt(id, next));
    }

    @Transactional(readOnly = true)
    public List<SchemaSummary> list() {
        return jdbc.prepareStatement(SUMMARY + " ORDER BY name", SchemaStore::summaries);
    }

    @Transactional(readOnly = true)
    public Optional<SchemaDetail> detail(String name) {
        Optional<SchemaSummary> found = jdbc.prepareStatement(SUMMARY + " WHERE name = ?", ps -> {
            ps.setString(1, name);
            return summaries(ps).stream().findFirst();
        });
        return found.map(s -> new SchemaDetail(s.name(), s.description(), s.format(), s.compatibility(),
                s.discovered(), s.latestVersion(), readContent(s.id(), s.latestVersion()), versions(s.id()),
                s.createdAt(), s.updatedAt()));
    }

    /** The schema's ETag version, for answers that carry one. */
    @Transactional(readOnly = true)
    public OptionalLong etagVersion(String name) {
        return jdbc.prepareStatement("SELECT version FROM event_schema WHERE name = ?", ps -> {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        });
    }

    /** One version with its document; {@code version} null means the latest. */
    @Transactional(readOnly = true)
    public Optional<SchemaVersion> version(String name, Integer version) {
        return jdbc.prepareStatement("""
                SELECT s.name, v.version, s.format, v.discovered, v.content, v.created_at
                FROM event_schema s JOIN event_schema_version v ON v.schema_id = s.id
                WHERE s.name = ? AND v.version = COALESCE(?, s.latest_version)
                """, ps -> {
            ps.setString(1, name);
            ps.setObject(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new SchemaVersion(rs.getString(1), rs.getInt(2), rs.getString(3),
                        rs.getBoolean(4), parse(rs.getString(5)), rs.getTimestamp(6).toInstant())) : Optional.empty();
            }
        });
    }

    /** Deletes a schema and all its versions. */
    @Transactional
    public void delete(Caller caller, String name, OptionalLong ifMatch) {
        SchemaSummary schema = lock(name).orElseThrow(() -> new NotFound("schema '" + name + "' does not exist"));
        Versions.check(ifMatch, schema.version(), "schema '" + name + "'");
        jdbc.prepareStatement("DELETE FROM event_schema WHERE name = ?", ps -> {
            ps.setString(1, name);
            return ps.executeUpdate();
        });
        audit.record(caller, "schema.delete", "schemas/" + name, Map.of("versions", schema.latestVersion()));
        announce(name);
    }

    /** Tells every data plane, at commit, to forget what it knows of the schema. */
    private void announce(String name) {
        jdbc.execute(connection -> {
            ConfigChannel.announce(connection, SchemaNames.announcement(name));
            return null;
        });
    }

    private Optional<SchemaSummary> lock(String name) {
        return jdbc.prepareStatement(SUMMARY + " WHERE name = ? FOR UPDATE", ps -> {
            ps.setString(1, name);
            return summaries(ps).stream().findFirst();
        });
    }

    private Optional<Long> insertSchema(Registration put) {
        return jdbc.prepareStatement("""
                INSERT INTO event_schema (name, description, format, compatibility, discovered, latest_version)
                VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (name) DO NOTHING RETURNING id
                """, ps -> {
            ps.setString(1, put.name());
            ps.setString(2, put.description());
            ps.setString(3, put.schema().format().wireName());
            ps.setString(4, put.compatibility().name());
            ps.setBoolean(5, put.discovered());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        });
    }

    private void insertVersion(long id, int version, Registration put) {
        jdbc.prepareStatement("""
                INSERT INTO event_schema_version (schema_id, version, content, fingerprint, discovered)
                VALUES (?, ?, ?, ?, ?)
                """, ps -> {
            ps.setLong(1, id);
            ps.setInt(2, version);
            ps.setString(3, put.schema().content().toString());
            ps.setString(4, put.fingerprint());
            ps.setBoolean(5, put.discovered());
            return ps.executeUpdate();
        });
    }

    /** Writes the schema's settings; true when one of them changed. */
    private boolean updateSettings(long id, Registration put, int latest, boolean discovered) {
        return jdbc.prepareStatement("""
                UPDATE event_schema SET compatibility = ?, description = ?, latest_version = ?, discovered = ?,
                       version = version + 1, updated_at = now()
                WHERE id = ? AND (compatibility, description, latest_version, discovered)
                      IS DISTINCT FROM (?, ?, ?, ?)
                """, ps -> {
            ps.setString(1, put.compatibility().name());
            ps.setString(2, put.description());
            ps.setInt(3, latest);
            ps.setBoolean(4, discovered);
            ps.setLong(5, id);
            ps.setString(6, put.compatibility().name());
            ps.setString(7, put.description());
            ps.setInt(8, latest);
            ps.setBoolean(9, discovered);
            return ps.executeUpdate() == 1;
        });
    }

    private Optional<Integer> versionWithFingerprint(long id, String fingerprint) {
        return jdbc.prepareStatement("SELECT version FROM event_schema_version WHERE schema_id = ? AND fingerprint = ?",
                ps -> {
                    ps.setLong(1, id);
                    ps.setString(2, fingerprint);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
                    }
                });
    }

    /** Every version's document, oldest first: what a new version is checked against. */
    private List<JsonNode> documents(long id) {
        return jdbc.prepareStatement("SELECT content FROM event_schema_version WHERE schema_id = ? ORDER BY version",
                ps -> {
                    ps.setLong(1, id);
                    List<JsonNode> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(parse(rs.getString(1)));
                        }
                    }
                    return out;
                });
    }

    private List<VersionInfo> versions(long id) {
        return jdbc.prepareStatement("""
                SELECT version, discovered, created_at FROM event_schema_version WHERE schema_id = ? ORDER BY version
                """, ps -> {
            ps.setLong(1, id);
            List<VersionInfo> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new VersionInfo(rs.getInt(1), rs.getBoolean(2), rs.getTimestamp(3).toInstant()));
                }
            }
            return out;
        });
    }

    private JsonNode readContent(long id, int version) {
        return jdbc.prepareStatement("SELECT content FROM event_schema_version WHERE schema_id = ? AND version = ?",
                ps -> {
                    ps.setLong(1, id);
                    ps.setInt(2, version);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return parse(rs.getString(1));
                    }
                });
    }

    private java.time.Instant versionCreatedAt(long id, int version) {
        return jdbc.prepareStatement("SELECT created_at FROM event_schema_version WHERE schema_id = ? AND version = ?",
                ps -> {
                    ps.setLong(1, id);
                    ps.setInt(2, version);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getTimestamp(1).toInstant();
                    }
                });
    }

    private JsonNode parse(String content) {
        try {
            return json.readTree(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored schema version is not JSON", e);
        }
    }

    private static Map<String, Object> settings(Registration put) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("compatibility", put.compatibility().name());
        return detail;
    }

    private static List<SchemaSummary> summaries(PreparedStatement ps) throws SQLException {
        List<SchemaSummary> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new SchemaSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getInt(6), rs.getTimestamp(7).toInstant(),
                        rs.getTimestamp(8).toInstant(), rs.getLong(9), rs.getLong(10)));
            }
        }
        return out;
    }
}
