package io.eventbus.control.rule;

import io.eventbus.control.support.ControlPlaneTest;
import io.eventbus.core.change.ConfigChannel;
import io.eventbus.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every committed change to a bus, its rules or targets, or a connection its targets use, is announced on the config
 * channel, naming the bus.
 */
@MicronautTest
class ConfigChangeNotificationTest extends ControlPlaneTest {

    private Connection listener;

    @BeforeEach
    void listen() throws SQLException {
        listener = TestDatabase.get().dataSource().getConnection();
        try (Statement s = listener.createStatement()) {
            s.execute("LISTEN " + ConfigChannel.NAME);
        }
    }

    @AfterEach
    void close() throws SQLException {
        listener.close();
    }

    @Test
    void announcesEachCommittedChangeWithTheBusName() throws SQLException {
        api.post("/v1/buses", "{\"name\": \"orders\"}");
        api.put("/v1/buses/orders/rules/r", "{\"eventPattern\": {\"source\": [\"shop\"]}}");
        api.put("/v1/buses/orders", "{\"description\": \"changed\"}");
        api.delete("/v1/buses/orders/rules/r");
        api.delete("/v1/buses/orders");

        assertThat(received()).containsExactly("orders", "orders", "orders", "orders", "orders");
    }

    @Test
    void aRefusedChangeAnnouncesNothing() throws SQLException {
        api.put("/v1/buses/default/rules/r", "{\"eventPattern\": {\"source\": [\"shop\"]}}");
        received();

        api.put("/v1/buses/default/rules/r", "{\"eventPattern\": {\"source\": [\"shop\"]}, \"targets\": "
                + "[{\"id\": \"t\", \"type\": \"queue\", \"queue\": {\"name\": \"missing\"}}]}");
        api.delete("/v1/buses/default");

        assertThat(received()).isEmpty();
    }

    @Test
    void aConnectionChangeAnnouncesEveryBusWithATargetUsingIt() throws SQLException {
        api.post("/v1/connections", """
                {"name": "crm-key", "authorizationType": "API_KEY",
                 "authParameters": {"apiKey": {"name": "x-api-key", "value": "ak_1"}}}""");
        api.post("/v1/buses", "{\"name\": \"orders\"}");
        api.post("/v1/buses", "{\"name\": \"billing\"}");
        String withConnection = """
                {"eventPattern": {"source": ["shop"]}, "targets": [{"id": "t", "type": "webhook",
                 "webhook": {"url": "https://crm.example.com/hook", "connection": "crm-key"}}]}""";
        api.put("/v1/buses/orders/rules/a", withConnection);
        api.put("/v1/buses/orders/rules/b", withConnection);
        api.put("/v1/buses/default/rules/c", withConnection);
        api.put("/v1/buses/billing/rules/d", "{\"eventPattern\": {\"source\": [\"shop\"]}}");
        received();

        api.put("/v1/connections/crm-key", """
                {"authorizationType": "API_KEY", "authParameters": {"apiKey": {"name": "x-api-key", "value": "ak_2"}}}""");

        assertThat(received()).as("once per bus using it, none for billing").containsExactlyInAnyOrder("orders", "default");
    }

    private List<String> received() throws SQLException {
        List<String> buses = new ArrayList<>();
        PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(500);
        while (notifications != null && notifications.length > 0) {
            for (PGNotification n : notifications) {
                buses.add(n.getParameter());
            }
            notifications = listener.unwrap(PGConnection.class).getNotifications(200);
        }
        return buses;
    }
}
