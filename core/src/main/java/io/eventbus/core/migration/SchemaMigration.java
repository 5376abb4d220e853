package io.eventbus.core.migration;

import io.eventbus.core.startup.StartupFailure;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Brings a database to the newest schema with Flyway, the only owner of DDL, or waits for another process to do
 * so. Migrations live in {@code core/src/main/resources/db/migration}; a released migration is never edited,
 * later changes add new ones.
 *
 * <p>Safe to call from several processes at once: Flyway serialises migrations with a PostgreSQL advisory lock.
 */
public final class SchemaMigration {

    /** Where the migrations are on the class path. */
    public static final String LOCATION = "classpath:db/migration";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(30);

    private SchemaMigration() {
    }

    /** Applies every pending migration and returns the schema version now in place. */
    public static String migrate(DataSource dataSource) {
        MigrateResult result = flyway(dataSource).migrate();
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        LOG.info("schema migrated: {} migration(s) applied, schema_version={}", result.migrationsExecuted, version);
        return version;
    }

    /**
     * Returns once the database holds every migration this build knows (a newer schema, migrated by a newer
     * build, counts as migrated), looking every {@code poll}. Changes nothing in the database.
     *
     * @throws StartupFailure when migrations are still pending after {@code timeout}
     */
    public static void awaitMigrated(DataSource dataSource, Duration timeout, Duration poll, Clock clock) {
        Flyway flyway = flyway(dataSource);
        Instant deadline = clock.instant().plus(timeout);
        Instant nextReport = clock.instant();
        MigrationInfo[] pending = flyway.info().pending();
        while (pending.length > 0) {
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                throw new StartupFailure("the database schema is not migrated after waiting " + timeout + ": "
                        + describe(pending) + "; a process with the control role migrates it when it starts (on"
                        + " Kubernetes: the control-plane Deployment), so start one against this database");
            }
            if (!now.isBefore(nextReport)) {
                LOG.info("waiting for a control-plane process to migrate the schema: {}", describe(pending));
                nextReport = now.plus(REPORT_EVERY);
            }
            pause(poll);
            pending = flyway.info().pending();
        }
        LOG.info("schema is migrated: schema_version={}", currentVersion(flyway));
    }

    private static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .load();
    }

    private static String describe(MigrationInfo[] pending) {
        return pending.length + " migration(s) pending, up to version " + pending[pending.length - 1].getVersion();
    }

    private static String currentVersion(Flyway flyway) {
        MigrationInfo current = flyway.info().current();
        return current == null || current.getVersion() == null ? "none" : current.getVersion().toString();
    }

    private static void pause(Duration poll) {
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupFailure("interrupted while waiting for the schema to be migrated", e);
        }
    }
}
