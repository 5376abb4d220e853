package io.eventbus.data.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbus.core.change.ConfigChannel;
import io.eventbus.core.role.DataRole;
import io.eventbus.core.schema.InferSchema;
import io.eventbus.core.schema.SchemaFingerprint;
import io.eventbus.core.schema.SchemaNames;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * Writes what discovery inferred into the registry: a new schema (format JSONSchemaDraft4, compatibility NONE,
 * marked discovered) or the next version of a discovered one, when no version has that document yet; announced
 * like the control plane's writes. The stored latest version is united with what this process inferred, under the
 * schema's row lock, so that data planes that saw different events only ever widen the schema. A schema that a person registered is never touched by discovery. Thread-safe.
 */
@Singleton
@DataRole
class RecordDiscoveredSchema {

    /** What the registry holds for a name: whether discovery may write to it, and its latest document. */
    record Known(boolean discovered, JsonNode latest) {
    }

    private final JdbcOperations jdbc;
    private final ObjectMapper json;

    RecordDiscoveredSchema(JdbcOperations jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The schema of that name as it is now; empty when there is none. */
    @Transactional(readOnly = true)
    Optional<Known> known(String name) {
        return jdbc.prepareStatement("""
                SELECT s.discovered, v.content
                FROM event_schema s JOIN event_schema_version v ON v.schema_id = s.id AND v.version = s.latest_version
                WHERE s.name = ?
                """, ps -> {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Known(rs.getBoolean(1), parse(rs.getString(2)))) : Optional.empty();
            }
        });
    }

    /**
     * Stores {@code shape}, united with the latest stored version (another process may have widened it meanwhile),
     * as the schema's next discovered version (version 1 of a new schema), unless a version has that document.
     *
     * @return the document the schema's latest discovered version now holds; empty when a person owns the schema
     */
    @Transactional
    Optional<ObjectNode> record(String name, ObjectNode shape) {
        jdbc.prepareStatement("""
                INSERT INTO event_schema (name, format, compatibility, discovered, latest_version, description)
                VALUES (?, 'JSONSchemaDraft4', 'NONE', true, 1, 'discovered from events')
                ON CONFLICT (name) DO NOTHING
                """, ps -> {
            ps.setString(1, name);
            return ps.executeUpdate();
        });
        return jdbc.prepareStatement("""
                SELECT s.id, s.discovered, s.latest_version, v.content
                FROM event_schema s LEFT JOIN event_schema_version v ON v.schema_id = s.id AND v.version = s.latest_version
                WHERE s.name = ? FOR UPDATE OF s
                """, ps -> {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                if (!rs.getBoolean(2)) {
                    return Optional.<ObjectNode>empty();
                }
                String stored = rs.getString(4);
                JsonNode old = stored == null ? null : parse(stored);
                ObjectNode schema = old == null || !old.isObject() ? shape : InferSchema.union((ObjectNode) old, shape);
                String fingerprint = SchemaFingerprint.of(schema);
                Optional<Integer> existing = versionWithFingerprint(id, fingerprint);
                if (existing.isPresent()) {
                    return Optional.of(schema);
                }
                int version = stored == null ? 1 : rs.getInt(3) + 1;
                insertVersion(id, name, version, schema.toString(), fingerprint);
                return Optional.of(schema);
            }
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

    private void insertVersion(long id, String name, int version, String content, String fingerprint) {
        jdbc.prepareStatement("""
                INSERT INTO event_schema_version (schema_id, version, content, fingerprint, discovered)
                VALUES (?, ?, ?, ?, true)
                """, ps -> {
            ps.setLong(1, id);
            ps.setInt(2, version);
            ps.setString(3, content);
            ps.setString(4, fingerprint);
            return ps.executeUpdate();
        });
        jdbc.prepareStatement("""
                UPDATE event_schema SET latest_version = ?, version = version + 1, updated_at = now() WHERE id = ?
                """, ps -> {
            ps.setInt(1, version);
            ps.setLong(2, id);
            return ps.executeUpdate();
        });
        jdbc.execute(connection -> {
            ConfigChannel.announce(connection, SchemaNames.announcement(name));
            return null;
        });
    }

    private JsonNode parse(String content) {
        try {
            return json.readTree(content);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored schema version is not JSON", e);
        }
    }
}
