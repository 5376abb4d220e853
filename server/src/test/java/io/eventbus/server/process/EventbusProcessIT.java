package io.eventbus.server.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fat jar as a user runs it: first start, restart with data kept, crash recovery, clean stop, and the
 * one-line errors of a bad start. Durations print for the performance notes; nothing asserts on them.
 */
class EventbusProcessIT {

    private static final String ADMIN_TOKEN = "an-admin-token-from-a-secret";

    @TempDir
    Path work;

    @Test
    void startsStopsCleanlyAndKeepsItsDataAcrossRestarts() throws Exception {
        Path home = work.resolve("home");
        Path dataDir = home.resolve("postgres");

        try (EventbusProcess first = EventbusProcess.start(work, Map.of("EVENTBUS_HOME", home.toString()))) {
            Duration cold = first.awaitHealthy();
            System.out.println("first start to healthy: " + cold.toMillis() + " ms");
            String banner = first.stdout();
            assertThat(banner).contains("is up on http://").contains("roles:        control,data")
                    .contains("embedded PostgreSQL 17, data in " + dataDir)
                    .contains("generated now, shown only this once: eb_admin_");
            Path tokenFile = home.resolve("admin-token");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
            assertThat(banner).contains(Files.readString(tokenFile).trim());
            Path keyFile = home.resolve("secret-key");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
            assertThat(banner).contains("secret key:   in " + keyFile).doesNotContain(Files.readString(keyFile).trim());
            assertThat(banner).contains("webhooks:     public addresses only"
                    + " (EVENTBUS_DELIVERY_ALLOW_PRIVATE_NETWORKS=true allows private networks)");

            execute(dataDir, "INSERT INTO bus (name, description) VALUES ('kept', 'survives a restart')");

            assertThat(first.terminate()).as("exit code after SIGTERM").isIn(0, 143);
        }
        assertThat(EventbusProcess.postgresServing(dataDir)).as("postgres processes left after SIGTERM").isEmpty();

        try (EventbusProcess second = EventbusProcess.start(work, Map.of("EVENTBUS_HOME", home.toString()))) {
            Duration warm = second.awaitHealthy();
            System.out.println("second start to healthy: " + warm.toMillis() + " ms");
            assertThat(second.stdout()).doesNotContain("generated now");
            assertThat(query(dataDir, "SELECT name FROM bus ORDER BY name")).containsExactly("default", "kept");
            second.terminate();
        }
        assertThat(EventbusProcess.postgresServing(dataDir)).isEmpty();
    }

    @Test
    void recoversAfterTheJvmIsKilled() throws Exception {
        Path home = work.resolve("home");
        Path dataDir = home.resolve("postgres");
        try (EventbusProcess victim = EventbusProcess.start(work, Map.of("EVENTBUS_HOME", home.toString()))) {
            victim.awaitHealthy();
            execute(dataDir, "INSERT INTO bus (name) VALUES ('before-the-crash')");
            victim.kill();
        }
        assertThat(EventbusProcess.postgresServing(dataDir)).as("the orphan postgres after kill -9").hasSize(1);

        try (EventbusProcess next = EventbusProcess.start(work, Map.of("EVENTBUS_HOME", home.toString()))) {
            next.awaitHealthy();
            assertThat(EventbusProcess.postgresServing(dataDir)).as("the orphan was replaced, not joined").hasSize(1);
            assertThat(query(dataDir, "SELECT name FROM bus ORDER BY name")).contains("before-the-crash");
            assertThat(next.stdout()).contains("left by an earlier Eventbus process");
            next.terminate();
        }
        assertThat(EventbusProcess.postgresServing(dataDir)).isEmpty();
    }

    @Test
    void usesAnExternalDatabaseWhenOneIsConfigured() throws Exception {
        TestDatabase db = TestDatabase.get();
        db.clean();
        Map<String, String> env = new HashMap<>(externalDatabase(db));
        env.putAll(Map.of("EVENTBUS_HOME", work.resolve("home").toString(),
                "EVENTBUS_ADMIN_TOKEN", "an-admin-token-from-a-secret",
                "EVENTBUS_SECRET_KEY", TestDatabase.SECRET_KEY,
                "EVENTBUS_LOG_FORMAT", "json"));
        try (EventbusProcess process = EventbusProcess.start(work, env)) {
            process.awaitHealthy();
            String out = process.stdout();
            assertThat(out).contains("database:     external PostgreSQL at ")
                    .contains("admin token:  from EVENTBUS_ADMIN_TOKEN")
                    .contains("secret key:   from EVENTBUS_SECRET_KEY")
                    .doesNotContain("an-admin-token-from-a-secret").doesNotContain(TestDatabase.SECRET_KEY);
            assertThat(work.resolve("home")).as("no files needed with an external database, a token and a key")
                    .doesNotExist();
            List<String> logLines = out.lines().filter(l -> l.startsWith("{")).toList();
            assertThat(logLines).as("JSON log lines").isNotEmpty();
            ObjectMapper json = new ObjectMapper();
            for (String line : logLines) {
                assertThat(json.readTree(line).has("level")).as(line).isTrue();
            }
            process.terminate();
        }
    }

    /**
     * The security headers on every kind of answer of the assembled server: the console's pages and files (answered
     * by a filter, not a route) as much as the API. Which filter runs first once decided this, and it differed
     * between an in-process test and the jar.
     */
    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        TestDatabase db = TestDatabase.get();
        db.clean();
        Map<String, String> env = new HashMap<>(externalDatabase(db));
        env.putAll(Map.of("EVENTBUS_HOME", work.resolve("home").toString(),
                "EVENTBUS_ADMIN_TOKEN", ADMIN_TOKEN, "EVENTBUS_SECRET_KEY", TestDatabase.SECRET_KEY));
        try (EventbusProcess process = EventbusProcess.start(work, env)) {
            process.awaitHealthy();
            HttpResponse<String> index = process.get("/");
            assertThat(index.body()).contains("<div id=\"root\">");
            Matcher asset = Pattern.compile("/assets/[A-Za-z0-9._-]+\\.js").matcher(index.body());
            assertThat(asset.find()).as("a script of the console's build in " + index.body()).isTrue();

            Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
            answers.put("the console at /", index);
            answers.put("a console page", process.get("/buses"));
            answers.put("a console file", process.get(asset.group()));
            answers.put("an API answer", process.get("/v1/buses", "Authorization", "Bearer " + ADMIN_TOKEN));
            answers.put("an API refusal", process.get("/v1/buses"));
            answers.put("a missing file", process.get("/missing.js"));
            assertThat(answers.get("an API answer").statusCode()).isEqualTo(200);
            assertThat(answers.get("an API refusal").statusCode()).isEqualTo(401);
            answers.forEach((what, answer) -> {
                HttpHeaders headers = answer.headers();
                assertThat(headers.firstValue("Content-Security-Policy")).as(what).hasValueSatisfying(csp ->
                        assertThat(csp).contains("default-src 'self'", "script-src 'self'", "style-src 'self'",
                                "frame-ancestors 'none'", "object-src 'none'"));
                assertThat(headers.firstValue("X-Content-Type-Options")).as(what).contains("nosniff");
                assertThat(headers.firstValue("Referrer-Policy")).as(what).contains("no-referrer");
                assertThat(headers.firstValue("X-Frame-Options")).as(what).contains("DENY");
            });
            process.terminate();
        }
    }

    @Test
    void anUnreachableDatabaseEndsTheStartWithOneLineNamingIt() throws Exception {
        int closedPort = EventbusProcess.freePort();
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/eventbus";
        try (EventbusProcess process = EventbusProcess.start(work, Map.of("DATASOURCES_DEFAULT_URL", url,
                "EVENTBUS_ADMIN_TOKEN", "an-admin-token-from-a-secret", "EVENTBUS_SECRET_KEY", TestDatabase.SECRET_KEY))) {
            assertThat(process.awaitExit()).isEqualTo(1);
            assertThat(process.stderr().lines().toList()).singleElement().asString()
                    .startsWith("eventbus: cannot connect to PostgreSQL at " + url);
        }
    }

    @Test
    void aSecretKeyThatIsNotOneEndsTheStartWithOneLine() throws Exception {
        TestDatabase db = TestDatabase.get();
        Map<String, String> env = new HashMap<>(externalDatabase(db));
        env.putAll(Map.of("EVENTBUS_ADMIN_TOKEN", "an-admin-token-from-a-secret", "EVENTBUS_SECRET_KEY", "too-short"));
        try (EventbusProcess process = EventbusProcess.start(work, env)) {
            assertThat(process.awaitExit()).isEqualTo(1);
            assertThat(process.stderr().lines().toList()).singleElement().asString()
                    .isEqualTo("eventbus: EVENTBUS_SECRET_KEY is not the base64 of 32 bytes; use the key used before,"
                            + " or for a new installation: openssl rand -base64 32");
        }
    }

    @Test
    void aTakenPortEndsTheStartWithOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0);
             EventbusProcess process = EventbusProcess.start(work, Map.of(
                     "EVENTBUS_HOME", work.resolve("home").toString(),
                     "MICRONAUT_SERVER_PORT", Integer.toString(taken.getLocalPort())))) {
            assertThat(process.awaitExit()).isEqualTo(1);
            assertThat(process.stderr().lines().toList()).singleElement().asString()
                    .isEqualTo("eventbus: port " + taken.getLocalPort() + " is already in use; stop what uses it"
                            + " or set MICRONAUT_SERVER_PORT to another port");
        }
        assertThat(work.resolve("home")).as("nothing started, nothing written").doesNotExist();
    }

    @Test
    void aForeignHomeIsRefusedAndLeftUntouched() throws Exception {
        Path foreign = Files.createDirectories(work.resolve("photos"));
        Files.writeString(foreign.resolve("holiday.jpg"), "not ours");
        try (EventbusProcess process = EventbusProcess.start(work, Map.of("EVENTBUS_HOME", foreign.toString()))) {
            assertThat(process.awaitExit()).isEqualTo(1);
            assertThat(process.stderr().lines().toList()).singleElement().asString()
                    .contains("is not an Eventbus home");
        }
        try (var entries = Files.list(foreign)) {
            assertThat(entries).containsExactly(foreign.resolve("holiday.jpg"));
        }
    }

    @Test
    void aDataDirectoryOfAnotherPostgresVersionIsRefusedAndLeftUntouched() throws Exception {
        Path home = work.resolve("home");
        try (EventbusProcess process = EventbusProcess.start(work, Map.of("EVENTBUS_HOME", home.toString()))) {
            process.awaitHealthy();
            process.terminate();
        }
        Path version = home.resolve("postgres/PG_VERSION");
        Files.writeString(version, "15\n");
        try (EventbusProcess process = EventbusProcess.start(work, Map.of("EVENTBUS_HOME", home.toString()))) {
            assertThat(process.awaitExit()).isEqualTo(1);
            assertThat(process.stderr().lines().toList()).singleElement().asString()
                    .contains("holds PostgreSQL 15 data, but Eventbus embeds PostgreSQL 17");
        }
        assertThat(Files.readString(version)).isEqualTo("15\n");
    }

    /** Talks to the embedded postgres of a running process, found through its PID file. */
    private static void execute(Path dataDir, String sql) throws SQLException, IOException {
        try (Connection c = connect(dataDir); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> query(Path dataDir, String sql) throws SQLException, IOException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(dataDir); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static Connection connect(Path dataDir) throws SQLException, IOException {
        String port = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(3).trim();
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/eventbus", "postgres", "");
    }

    /** The test database as the launcher's environment names it (the user may not be in the URL). */
    private static Map<String, String> externalDatabase(TestDatabase db) {
        Map<String, String> properties = db.micronautProperties();
        return Map.of("DATASOURCES_DEFAULT_URL", db.jdbcUrl(),
                "DATASOURCES_DEFAULT_USERNAME", properties.get("datasources.default.username"),
                "DATASOURCES_DEFAULT_PASSWORD", properties.get("datasources.default.password"));
    }
}
