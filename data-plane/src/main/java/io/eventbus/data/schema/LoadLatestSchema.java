package io.eventbus.data.schema;

import io.eventbus.core.role.DataRole;
import io.eventbus.core.schema.CompiledSchema;
import io.eventbus.core.schema.SchemaFormat;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.Optional;

/** Reads and compiles the latest version of one schema, for {@link LatestSchemas}. Thread-safe. */
@Singleton
@DataRole
class LoadLatestSchema {

    private final JdbcOperations jdbc;

    LoadLatestSchema(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when there is no schema of that name. */
    @Transactional(readOnly = true)
    Optional<LatestSchemas.Latest> load(String name) {
        return jdbc.prepareStatement("""
                SELECT s.format, v.version, v.content
                FROM event_schema s JOIN event_schema_version v ON v.schema_id = s.id AND v.version = s.latest_version
                WHERE s.name = ?
                """, ps -> {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                SchemaFormat format = SchemaFormat.fromWireName(rs.getString(1)).orElseThrow(() ->
                        new IllegalStateException("schema '" + name + "' is stored in an unknown format"));
                return Optional.of(new LatestSchemas.Latest(rs.getInt(2),
                        CompiledSchema.compile(format, rs.getString(3))));
            }
        });
    }
}
