package io.eventbus.server.database;

import io.eventbus.core.startup.StartupFailure;
import io.eventbus.server.home.EventbusHome;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The zero-setup database: PostgreSQL 17 (zonky's binaries from Maven Central) with its data directory in the
 * Eventbus home, so data survives restarts. Started before the application context, stopped after it.
 *
 * <p>zonky is made for tests: it turns fsync and synchronous commit off. An event bus acknowledges events only
 * after commit, so both are turned back on here; an acknowledged event must survive a crash.
 */
public final class EmbeddedDatabase implements Database {

    static final String MAJOR_VERSION = "17";
    static final String DATABASE = "eventbus";
    static final String USER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /**
     * Starts PostgreSQL on the home's data directory, creating it on first start and recovering from a killed
     * process.
     *
     * @throws StartupFailure when the data directory is not a PostgreSQL 17 one, or postgres does not start
     */
    public static EmbeddedDatabase start(EventbusHome home) {
        Path dataDir = home.databaseDir();
        try {
            checkDataDirectory(dataDir);
            LeftoverPostmaster.clear(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false) // never delete the data directory, not even on close
                    .setRegisterShutdownHook(false) // the launcher stops it, after the application context
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setOutputRedirector(Redirect.appendTo(home.databaseLog().toFile()))
                    .setErrorRedirector(Redirect.appendTo(home.databaseLog().toFile()))
                    .start();
            EmbeddedDatabase database = new EmbeddedDatabase(postgres, dataDir);
            database.createDatabaseIfAbsent();
            return database;
        } catch (IOException | RuntimeException | SQLException e) {
            if (e instanceof StartupFailure failure) {
                throw failure;
            }
            throw new StartupFailure("the embedded PostgreSQL in " + dataDir + " did not start: " + e.getMessage()
                    + " (its log: " + home.databaseLog() + ")", e);
        }
    }

    /** An existing data directory must be a complete PostgreSQL 17 one: never initdb over someone's files. */
    private static void checkDataDirectory(Path dataDir) throws IOException {
        if (!Files.exists(dataDir)) {
            return;
        }
        Path version = dataDir.resolve("PG_VERSION");
        if (!Files.exists(version) || !Files.exists(dataDir.resolve("postgresql.conf"))) {
            try (var entries = Files.list(dataDir)) {
                if (entries.findAny().isEmpty()) {
                    return;
                }
            }
            throw new StartupFailure("the embedded database directory " + dataDir + " is not a PostgreSQL data"
                    + " directory (no PG_VERSION or postgresql.conf); it was left untouched");
        }
        String major = Files.readString(version, StandardCharsets.UTF_8).trim();
        if (!MAJOR_VERSION.equals(major)) {
            throw new StartupFailure("the embedded database directory " + dataDir + " holds PostgreSQL " + major
                    + " data, but Eventbus embeds PostgreSQL " + MAJOR_VERSION + "; it was left untouched");
        }
    }

    private void createDatabaseIfAbsent() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + DATABASE);
            LOG.info("created database {} in {}", DATABASE, dataDir);
        }
    }

    @Override
    public Map<String, Object> dataSourceProperties() {
        return Map.of(
                "datasources.default.url", postgres.getJdbcUrl(USER, DATABASE),
                "datasources.default.username", USER,
                "datasources.default.password", "");
    }

    @Override
    public String description() {
        return "embedded PostgreSQL " + MAJOR_VERSION + ", data in " + dataDir;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("stopping the embedded PostgreSQL failed: {}", e.toString());
        }
    }
}
