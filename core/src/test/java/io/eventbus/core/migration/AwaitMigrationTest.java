package io.eventbus.core.migration;

import io.eventbus.core.role.Role;
import io.eventbus.core.startup.StartupFailure;
import io.eventbus.core.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A process with only the data role never migrates: it waits until a control-plane process has (docs/adr/0009),
 * so on Kubernetes a data-plane pod is not ready before the schema is.
 */
class AwaitMigrationTest {

    private static final Duration POLL = Duration.ofMillis(50);

    private final TestDatabase server = TestDatabase.get();

    @Test
    void aMigratedDatabaseEndsTheWaitAtOnce() {
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() ->
                SchemaMigration.awaitMigrated(server.dataSource(), Duration.ofMinutes(1), POLL, Clock.systemUTC()));

        await().atMost(Duration.ofSeconds(10)).until(waiting::isDone);
        assertThat(waiting).isCompleted();
    }

    @Test
    void waitsUntilAnotherProcessHasMigrated() {
        TestDatabase empty = server.emptySibling();
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() ->
                SchemaMigration.awaitMigrated(empty.dataSource(), Duration.ofMinutes(1), POLL, Clock.systemUTC()));

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !waiting.isDone());
        SchemaMigration.migrate(empty.dataSource());

        await().atMost(Duration.ofSeconds(10)).until(waiting::isDone);
        assertThat(waiting).isCompleted();
    }

    @Test
    void givesUpAfterTheTimeoutSayingWhatIsPendingAndChangesNothing() {
        TestDatabase empty = server.emptySibling();

        assertThatThrownBy(() -> SchemaMigration.awaitMigrated(empty.dataSource(), Duration.ofMillis(300), POLL,
                Clock.systemUTC()))
                .isInstanceOf(StartupFailure.class)
                .hasMessageContaining("the database schema is not migrated after waiting PT0.3S")
                .hasMessageContaining("migration(s) pending")
                .hasMessageContaining("control role");
        assertThat(tables(empty)).isEmpty();
    }

    @Test
    void aDataOnlyProcessDoesNotStartOnAnUnmigratedDatabase() {
        TestDatabase empty = server.emptySibling();

        assertThatThrownBy(() -> ApplicationContext.run(properties(empty, "data")).close())
                .rootCause()
                .isInstanceOf(StartupFailure.class)
                .hasMessageContaining("migration(s) pending");
        assertThat(tables(empty)).isEmpty();
    }

    @Test
    void aDataOnlyProcessStartsOnceAControlProcessHasMigrated() {
        TestDatabase empty = server.emptySibling();
        ApplicationContext.run(properties(empty, "control")).close();

        try (ApplicationContext data = ApplicationContext.run(properties(empty, "data"))) {
            assertThat(data.isRunning()).isTrue();
        }
        assertThat(tables(empty)).contains("bus", "delivery");
    }

    private static Map<String, Object> properties(TestDatabase db, String roles) {
        Map<String, Object> properties = new HashMap<>(db.micronautProperties());
        properties.put(Role.PROPERTY, roles);
        properties.put("eventbus.migration.wait-timeout", "1s");
        return properties;
    }

    private static java.util.List<String> tables(TestDatabase db) {
        return db.strings("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()");
    }
}
