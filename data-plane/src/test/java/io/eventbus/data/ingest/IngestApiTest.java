package io.eventbus.data.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.apikey.ApiKeySecrets;
import io.eventbus.core.change.ConfigChannel;
import io.eventbus.core.testing.TestDatabase;
import io.eventbus.core.testing.WithTestDatabase;
import io.eventbus.data.match.MatchRules;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Native ingest against a real server and database; configuration rows are written as the control plane would. */
@MicronautTest
class IngestApiTest implements WithTestDatabase {

    @Override
    public java.util.Map<String, String> getProperties() {
        // these tests look at deliveries before any attempt
        return propertiesWith("eventbus.delivery.enabled", "false");
    }

    static final String SECRET = ApiKeySecrets.PREFIX + "test-secret-for-the-default-bus";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;

    @Inject
    MatchRules matchRules;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void configure() throws Exception {
        sql("INSERT INTO api_key (id, name, secret_hash, buses) VALUES (gen_random_uuid(), 'producer', ?, '{default}')",
                ApiKeySecrets.hash(SECRET));
        sql("INSERT INTO api_key (id, name, secret_hash, buses) VALUES (gen_random_uuid(), 'other', ?, '{other}')",
                ApiKeySecrets.hash(SECRET + "-other"));
        sql("INSERT INTO queue (name) VALUES ('billing-q')");
        sql("""
                INSERT INTO rule (bus_id, name, event_pattern)
                SELECT id, 'big-orders', '{"source": ["shop.orders"], "detail": {"total": [{"numeric": [">", 100]}]}}'
                FROM bus WHERE name = 'default'
                """);
        sql("""
                INSERT INTO target (rule_id, target_id, position, type, config)
                SELECT r.id, t.id, t.pos, 'queue', '{"name": "billing-q"}' FROM rule r,
                       (VALUES ('billing', 0), ('audit', 1)) AS t(id, pos) WHERE r.name = 'big-orders'
                """);
        matchRules.refresh("default"); // cleaning between tests truncates without notifying
    }

    @Test
    void storesEachEventWithOneDeliveryPerMatchedTarget() throws Exception {
        HttpResponse<String> response = put("default", SECRET, """
                {"entries": [
                  {"source": "shop.orders", "detailType": "Order Placed", "detail": {"total": 120.50}},
                  {"source": "shop.orders", "detailType": "Order Placed", "detail": {"total": 5}, "resources": ["r1"],
                   "time": "2026-11-26T10:00:00+01:00"}
                ]}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("failedEntryCount").asInt()).isZero();
        String big = body.path("entries").get(0).path("eventId").asText();
        String small = body.path("entries").get(1).path("eventId").asText();
        assertThat(UUID.fromString(big).version()).as("UUIDv7").isEqualTo(7);
        assertThat(big.compareTo(small)).as("ids sort by time").isLessThan(0);

        assertThat(rows("SELECT count(*) FROM event")).containsExactly("2");
        assertThat(rows("SELECT rule_name || '/' || target_id || '/' || state FROM delivery WHERE event_id = '" + big
                + "' ORDER BY target_id")).containsExactly("big-orders/audit/AVAILABLE", "big-orders/billing/AVAILABLE");
        assertThat(rows("SELECT count(*) FROM delivery WHERE event_id = '" + small + "'")).containsExactly("0");

        JsonNode envelope = JSON.readTree(rows("SELECT envelope FROM event WHERE id = '" + small + "'").get(0));
        assertThat(envelope.path("version").asText()).isEqualTo("0");
        assertThat(envelope.path("id").asText()).isEqualTo(small);
        assertThat(envelope.path("detail-type").asText()).isEqualTo("Order Placed");
        assertThat(envelope.path("account").asText()).isEqualTo("000000000000");
        assertThat(envelope.path("region").asText()).isEqualTo("local");
        assertThat(envelope.path("time").asText()).isEqualTo("2026-11-26T09:00:00Z");
        assertThat(envelope.path("resources").get(0).asText()).isEqualTo("r1");
        assertThat(rows("SELECT envelope FROM event WHERE id = '" + big + "'").get(0))
                .as("detail kept as sent").contains("\"detail\":{\"total\":120.50}");
    }

    @Test
    void aBadEntryIsRefusedAloneAndNothingOfItIsStored() throws Exception {
        HttpResponse<String> response = put("default", SECRET, """
                {"entries": [
                  {"source": "shop.orders", "detailType": "Order Placed", "detail": {"total": 500}},
                  {"source": "shop.orders", "detailType": "Order Placed", "detail": "not an object"},
                  {"detailType": "x", "detail": {}},
                  {"source": "s", "detailType": "x", "detail": {}, "time": "yesterday"},
                  {"source": "s", "detailType": "x", "detail": {}, "detial": {}}
                ]}""");

        JsonNode body = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.path("failedEntryCount").asInt()).isEqualTo(4);
        List<String> codes = new ArrayList<>();
        body.path("entries").forEach(e -> codes.add(e.has("eventId") ? "ok" : e.path("errorCode").asText()));
        assertThat(codes).containsExactly("ok", "ValidationError", "ValidationError", "ValidationError", "ValidationError");
        assertThat(body.path("entries").get(4).path("errorMessage").asText()).contains("Unknown field 'detial'");
        List<String> locations = new ArrayList<>();
        body.path("entries").forEach(e -> locations.add(e.path("errorLocation").asText("-")));
        assertThat(locations).as("the field each refusal is about").containsExactly("-", "detail", "source", "time", "detial");
        assertThat(body.path("entries").get(0).has("errorLocation")).isFalse();
        assertThat(rows("SELECT count(*) FROM event")).containsExactly("1");
    }

    @Test
    void theSameIdempotencyKeyGivesTheFirstIdAndStoresNothingNew() throws Exception {
        String entry = "{\"source\": \"shop.orders\", \"detailType\": \"Order Placed\", \"detail\": {\"total\": 500},"
                + " \"idempotencyKey\": \"order-42\"}";
        String first = JSON.readTree(put("default", SECRET, "{\"entries\": [" + entry + "]}").body())
                .path("entries").get(0).path("eventId").asText();

        JsonNode again = JSON.readTree(put("default", SECRET, "{\"entries\": [" + entry + ", " + entry + "]}").body());

        assertThat(again.path("entries").get(0).path("eventId").asText()).isEqualTo(first);
        assertThat(again.path("entries").get(1).path("eventId").asText()).isEqualTo(first);
        assertThat(rows("SELECT count(*) FROM event")).containsExactly("1");
        assertThat(rows("SELECT count(*) FROM delivery")).containsExactly("2");
    }

    @Test
    void needsAnApiKeyOfTheBus() throws Exception {
        String body = "{\"entries\": [{\"source\": \"s\", \"detailType\": \"t\", \"detail\": {}}]}";
        assertThat(code(put("default", null, body), 401)).isEqualTo("Unauthorized");
        assertThat(code(put("default", "eb_key_unknown", body), 401)).isEqualTo("Unauthorized");
        assertThat(code(put("default", SECRET + "-other", body), 403)).isEqualTo("Forbidden");
        assertThat(rows("SELECT count(*) FROM event")).containsExactly("0");
    }

    @Test
    void refusesWholeRequestsThatCannotBeRead() throws Exception {
        assertThat(code(put("default", SECRET, "{\"entries\": "), 400)).isEqualTo("InvalidJson");
        assertThat(code(put("default", SECRET, "[]"), 400)).isEqualTo("ValidationError");
        assertThat(code(put("default", SECRET, "{\"entries\": []}"), 400)).isEqualTo("ValidationError");
        StringBuilder many = new StringBuilder("{\"entries\": [");
        for (int i = 0; i < 101; i++) {
            many.append(i == 0 ? "" : ",").append("{\"source\": \"s\", \"detailType\": \"t\", \"detail\": {}}");
        }
        HttpResponse<String> tooMany = put("default", SECRET, many + "]}");
        assertThat(code(tooMany, 400)).isEqualTo("ValidationError");
        assertThat(JSON.readTree(tooMany.body()).path("detail").asText()).as("names what an operator sets")
                .endsWith("at most 100 fit in one request (EVENTBUS_INGEST_MAX_ENTRIES_PER_REQUEST)");
        String deep = "{\"entries\": [{\"source\": \"s\", \"detailType\": \"t\", \"detail\": "
                + "{\"a\":".repeat(1100) + "1" + "}".repeat(1100) + "}]}";
        assertThat(put("default", SECRET, deep).statusCode()).as("nesting deeper than 1,000").isEqualTo(400);
        HttpResponse<String> badUtf8 = send("default", SECRET, new byte[]{'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});
        assertThat(badUtf8.statusCode()).isEqualTo(400);
        assertThat(code(put("nope", SECRET, "{\"entries\": [{\"source\": \"s\", \"detailType\": \"t\", \"detail\": {}}]}"),
                403)).as("a key of another bus learns nothing of it").isEqualTo("Forbidden");
        assertThat(rows("SELECT count(*) FROM event")).containsExactly("0");
    }

    @Test
    void aRuleChangeReachesMatchingWithinASecond() throws Exception {
        sql("UPDATE rule SET event_pattern = '{\"source\": [\"shop.returns\"]}' WHERE name = 'big-orders'");
        notifyChange("default");

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            sql("DELETE FROM delivery");
            put("default", SECRET, "{\"entries\": [{\"source\": \"shop.returns\", \"detailType\": \"t\", \"detail\": {}}]}");
            assertThat(rows("SELECT count(*) FROM delivery")).containsExactly("2");
        });
    }

    private void notifyChange(String bus) throws Exception {
        try (Connection c = TestDatabase.get().dataSource().getConnection()) {
            ConfigChannel.announce(c, bus);
        }
    }

    private HttpResponse<String> put(String bus, String secret, String body) throws Exception {
        return send(bus, secret, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(String bus, String secret, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/buses/" + bus + "/events"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (secret != null) {
            request.header("Authorization", "Bearer " + secret);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String code(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        return JSON.readTree(response.body()).path("code").asText();
    }

    static void sql(String sql, Object... params) {
        TestDatabase.get().execute(sql, params);
    }

    static List<String> rows(String sql) {
        return TestDatabase.get().strings(sql);
    }
}
