package io.eventbus.core.migration;

import io.eventbus.core.delivery.DeliveryState;
import io.eventbus.core.testing.CleanDatabase;
import io.eventbus.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(CleanDatabase.class)
class SchemaMigrationTest {

    private final TestDatabase db = TestDatabase.get();

    @Test
    void createsTheTablesOfTheEventPath() throws SQLException {
        assertThat(strings("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"))
                .contains("bus", "rule", "target", "api_key", "event", "delivery", "queue", "queue_message");
    }

    @Test
    void aConnectionSecretIsStoredOnlyEncrypted() throws SQLException {
        execute("INSERT INTO connection (name, authorization_type, secret) VALUES ('c', 'BASIC', 'eb1:0a1b2c3d:AAAA')");

        assertThatThrownBy(() -> execute("INSERT INTO connection (name, authorization_type, secret)"
                + " VALUES ('d', 'BASIC', 'hunter2')"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("connection_secret_check");
    }

    @Test
    void seedsTheDefaultBus() throws SQLException {
        assertThat(strings("SELECT name FROM bus")).containsExactly("default");
    }

    @Test
    void migratingAgainChangesNothing() throws SQLException {
        // the newest applied migration (versions are text: max(version) would put "9" after "10")
        String before = strings("SELECT version FROM flyway_schema_history WHERE success"
                + " ORDER BY installed_rank DESC LIMIT 1").get(0);
        assertThat(SchemaMigration.migrate(db.dataSource())).isEqualTo(before);
        assertThat(strings("SELECT name FROM bus")).containsExactly("default");
    }

    @Test
    void cleaningRestoresAFreshInstallation() throws SQLException {
        execute("INSERT INTO bus (name) VALUES ('orders')");
        execute("UPDATE bus SET description = 'changed' WHERE name = 'default'");

        db.clean();

        assertThat(strings("SELECT name || ':' || description FROM bus"))
                .containsExactly("default:The default event bus");
    }

    @ParameterizedTest
    @EnumSource(DeliveryState.class)
    void everyDeliveryStateCanBeStored(DeliveryState state) throws SQLException {
        insertDelivery(state.name());
        assertThat(strings("SELECT state FROM delivery")).containsExactly(state.name());
    }

    @Test
    void aStateOutsideTheEnumIsRefused() {
        assertThatThrownBy(() -> insertDelivery("LOST"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("delivery_state_check");
    }

    @Test
    void theClaimIndexHoldsOnlyClaimableRowsInDueOrder() throws SQLException {
        assertThat(strings("SELECT indexdef FROM pg_indexes WHERE indexname = 'delivery_due_idx'"))
                .singleElement().asString()
                .contains("(next_attempt_at)")
                .contains("WHERE", "AVAILABLE", "RETRYABLE");
    }

    @Test
    void rejectsNamesOutsideTheApiAlphabet() {
        assertThatThrownBy(() -> execute("INSERT INTO bus (name) VALUES ('has space')"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("bus_name_check");
    }

    private void insertDelivery(String state) throws SQLException {
        execute("INSERT INTO delivery (id, event_id, event_ingested_at, bus_id, rule_name, target_id, state) "
                + "VALUES ('" + UUID.randomUUID() + "', '" + UUID.randomUUID() + "', now(), 1, 'r', 't', '" + state + "')");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
