package io.eventbus.core.migration;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

/**
 * Brings a database to the newest schema with Flyway, the only owner of DDL. Migrations live in
 * {@code core/src/main/resources/db/migration}; a released migration is never edited, later changes add new ones.
 *
 * <p>Safe to call from several processes at once: Flyway serialises them with a PostgreSQL advisory lock.
 */
public final class SchemaMigration {

    /** Where the migrations are on the class path. */
    public static final String LOCATION = "classpath:db/migration";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);

    private SchemaMigration() {
    }

    /** Applies every pending migration and returns the schema version now in place. */
    public static String migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .load()
                .migrate();
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        LOG.info("schema migrated: {} migration(s) applied, schema_version={}", result.migrationsExecuted, version);
        return version;
    }
}
