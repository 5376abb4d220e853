package io.eventbus.core.testing;

import io.eventbus.core.migration.SchemaMigration;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one real PostgreSQL of a test JVM, migrated once. Where it comes from, first match wins:
 * <ol>
 *   <li>{@code EVENTBUS_TEST_JDBC_URL} (+ {@code EVENTBUS_TEST_JDBC_USER}, {@code EVENTBUS_TEST_JDBC_PASSWORD}):
 *       a server such as the machine's own; a fresh database is created on it for this JVM and dropped at exit;</li>
 *   <li>Testcontainers, where a Docker engine answers;</li>
 *   <li>embedded PostgreSQL 17 (zonky) in a temporary directory.</li>
 * </ol>
 * Thread-safe; the first caller starts it.
 */
public final class TestDatabase {

    private static final Logger LOG = LoggerFactory.getLogger(TestDatabase.class);
    private static final String SAFE_DATABASE_NAME = "[a-z0-9_]+";

    /**
     * The secret key of every test context ({@code eventbus.secret-key}): secrets stored in the test database are
     * encrypted with it, as every process on one database shares one key.
     */
    public static final String SECRET_KEY = "dGVzdC1zZWNyZXQta2V5LW9mLTMyLWJ5dGVzLW9rISE=";

    /**
     * The admin token of every test context ({@code eventbus.admin.token}) unless a test sets its own: without one a
     * context would generate {@code .eventbus/admin-token} in the working directory.
     */
    public static final String ADMIN_TOKEN = "test-database-admin-token-0123";

    private static volatile TestDatabase instance;

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final String description;
    private final DataSource dataSource;

    private TestDatabase(String jdbcUrl, String username, String password, String description) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.description = description;
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl);
        ds.setUser(username);
        ds.setPassword(password);
        this.dataSource = ds;
    }

    /** The database of this JVM, started and migrated on first use. */
    public static TestDatabase get() {
        TestDatabase db = instance;
        if (db == null) {
            synchronized (TestDatabase.class) {
                db = instance;
                if (db == null) {
                    db = start();
                    SchemaMigration.migrate(db.dataSource);
                    LOG.info("test database: {}", db.description);
                    instance = db;
                }
            }
        }
        return db;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** Properties that point a Micronaut application context at this database (and its secret key and admin token). */
    public Map<String, String> micronautProperties() {
        return Map.of(
                "eventbus.secret-key", SECRET_KEY,
                "eventbus.admin.token", ADMIN_TOKEN,
                "datasources.default.url", jdbcUrl,
                "datasources.default.username", username,
                "datasources.default.password", password,
                "datasources.default.maximum-pool-size", "5");
    }

    /**
     * A new, empty database on the same server, not migrated, dropped when the JVM exits: for tests of migration
     * itself. Each call creates another one.
     */
    public TestDatabase emptySibling() {
        String name = "eventbus_empty_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(dataSource, "CREATE DATABASE " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                execute(dataSource, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (RuntimeException e) {
                // the server may be gone already (the embedded one stops with the JVM)
            }
        }, "drop-empty-test-database"));
        String url = replaceDatabase(jdbcUrl, name);
        return new TestDatabase(url, username, password, url + " (empty)");
    }

    /**
     * Empties every table but Flyway's history and seeds the rows a new installation has (the
     * {@code default} bus), so each test starts from a fresh installation. A background writer of the last test
     * still finishing (a replay page, an outcome) can deadlock with the TRUNCATE: postgres aborts one of the two,
     * and the cleaning is tried again.
     */
    public void clean() {
        for (int attempt = 1; ; attempt++) {
            try {
                truncateAndSeed();
                return;
            } catch (SQLException e) {
                if (!DEADLOCK.equals(e.getSQLState()) || attempt == 5) {
                    throw new IllegalStateException("cannot clean the test database " + description, e);
                }
            }
        }
    }

    private static final String DEADLOCK = "40P01";

    private void truncateAndSeed() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (var rs = s.executeQuery("""
                    SELECT quote_ident(tablename) FROM pg_tables
                    WHERE schemaname = current_schema() AND tablename <> 'flyway_schema_history'
                    """)) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            if (!tables.isEmpty()) {
                s.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
            }
            s.execute("SELECT eventbus_seed()");
        }
    }

    /** Runs one statement with positional parameters, outside any test transaction. */
    public void execute(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    /** The first column of every row of a query, as text. */
    public List<String> strings(String sql, Object... params) {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
        return out;
    }

    private static TestDatabase start() {
        String url = System.getenv("EVENTBUS_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            return onExternalServer(url, envOr("EVENTBUS_TEST_JDBC_USER", "postgres"),
                    envOr("EVENTBUS_TEST_JDBC_PASSWORD", ""));
        }
        if (dockerAvailable()) {
            return inContainer();
        }
        return embedded();
    }

    private static TestDatabase onExternalServer(String serverUrl, String user, String password) {
        String name = "eventbus_test_" + ProcessHandle.current().pid() + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        if (!name.matches(SAFE_DATABASE_NAME)) {
            throw new IllegalStateException("unexpected database name " + name);
        }
        TestDatabase admin = new TestDatabase(serverUrl, user, password, serverUrl);
        execute(admin.dataSource, "CREATE DATABASE " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> execute(admin.dataSource, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"),
                "drop-test-database"));
        String url = replaceDatabase(serverUrl, name);
        return new TestDatabase(url, user, password, url + " (EVENTBUS_TEST_JDBC_URL)");
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
    private static TestDatabase inContainer() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:17");
        container.start();
        return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                container.getJdbcUrl() + " (Testcontainers)");
    }

    private static TestDatabase embedded() {
        try {
            // Removed at JVM exit by the library's own shutdown hook, data directory included.
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            String url = pg.getJdbcUrl("postgres", "postgres");
            return new TestDatabase(url, "postgres", "", url + " (embedded)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start an embedded PostgreSQL for the tests", e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Swaps the database name of a {@code jdbc:postgresql://host:port/db?params} URL. */
    static String replaceDatabase(String url, String database) {
        int hostStart = url.indexOf("//");
        int slash = url.indexOf('/', hostStart + 2);
        int query = url.indexOf('?');
        String params = query >= 0 ? url.substring(query) : "";
        String prefix = slash >= 0 && (query < 0 || slash < query) ? url.substring(0, slash)
                : (query >= 0 ? url.substring(0, query) : url);
        return prefix + "/" + database + params;
    }

    private static void execute(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
