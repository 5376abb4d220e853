package io.eventbus.server.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.testing.TestDatabase;
import io.eventbus.server.support.WithAdminToken;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Both planes in one process, as a user drives them: the admin API defines a bus, a queue, a rule and an API
 * key; a producer puts events with the key; events and deliveries land in the database.
 */
@MicronautTest
class RuleToOutboxTest implements WithAdminToken {

    static final String ADMIN = ADMIN_TOKEN;
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newHttpClient();


    @Test
    void aRuleCreatedThroughTheAdminApiRoutesEventsPutWithAnApiKey() throws Exception {
        call("POST", "/v1/buses", ADMIN, "{\"name\": \"orders\"}", 201);
        call("POST", "/v1/queues", ADMIN, "{\"name\": \"billing\"}", 201);
        call("PUT", "/v1/buses/orders/rules/big-orders", ADMIN, """
                {"eventPattern": {"source": ["shop.orders"], "detail": {"total": [{"numeric": [">", 100]}]}},
                 "targets": [{"id": "billing", "type": "queue", "queue": {"name": "billing"}}]}""", 201);
        String key = call("POST", "/v1/api-keys", ADMIN, "{\"name\": \"shop\", \"buses\": [\"orders\"]}", 201)
                .path("secret").asText();
        // the rule reaches the data plane's matcher a moment after its commit (NOTIFY)
        await().atMost(Duration.ofSeconds(5)).until(() -> metrics().contains("eventbus_match_rules{bus=\"orders\"} 1.0"));

        // the admin token gets past ingest's check (ADR 0010) to the body check; a key is no admin token
        call("POST", "/v1/buses/orders/events", ADMIN, "{\"entries\": []}", 400);
        call("POST", "/v1/buses", key, "{\"name\": \"by-key\"}", 401);

        JsonNode put = call("POST", "/v1/buses/orders/events", key, """
                {"entries": [{"source": "shop.orders", "detailType": "Order Placed", "detail": {"total": 120}},
                             {"source": "shop.orders", "detailType": "Order Placed", "detail": {"total": 80}}]}""", 200);
        String matched = put.path("entries").get(0).path("eventId").asText();

        assertThat(count("SELECT count(*) FROM event e JOIN bus b ON b.id = e.bus_id WHERE b.name = 'orders'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM delivery WHERE event_id = '" + matched + "' AND target_id = 'billing'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM delivery")).isEqualTo(1);

        call("PUT", "/v1/buses/orders/rules/big-orders", ADMIN, """
                {"eventPattern": {"source": ["shop.orders"]}, "state": "DISABLED",
                 "targets": [{"id": "billing", "type": "queue", "queue": {"name": "billing"}}]}""", 200);
        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> {
            call("POST", "/v1/buses/orders/events", key,
                    "{\"entries\": [{\"source\": \"shop.orders\", \"detailType\": \"x\", \"detail\": {\"total\": 500}}]}", 200);
            assertThat(count("SELECT count(*) FROM delivery")).as("a disabled rule matches nothing").isEqualTo(1);
        });

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                count("SELECT count(*) FROM queue_message")).as("the queue target got the event").isEqualTo(1));
        assertThat(metrics()).containsPattern("eventbus_ingest_entries_total\\{[^}]*bus=\"orders\"[^}]*outcome=\"accepted\"")
                .contains("eventbus_rule_matches_total").contains("eventbus_outbox_batch_events")
                .contains("eventbus_ingest_latency_seconds_bucket")
                .containsPattern("eventbus_delivery_invocations_total\\{[^}]*outcome=\"delivered\"")
                .contains("eventbus_delivery_latency_seconds_bucket");
    }

    private String metrics() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private JsonNode call(String method, String path, String token, String body, int status) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static long count(String sql) throws Exception {
        try (Connection c = TestDatabase.get().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
