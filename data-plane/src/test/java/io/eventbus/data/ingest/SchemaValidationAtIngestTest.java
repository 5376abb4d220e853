package io.eventbus.data.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.apikey.ApiKeySecrets;
import io.eventbus.core.change.ConfigChannel;
import io.eventbus.core.schema.SchemaNames;
import io.eventbus.core.testing.TestDatabase;
import io.eventbus.core.testing.WithTestDatabase;
import io.eventbus.data.match.MatchRules;
import io.eventbus.data.schema.LatestSchemas;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bus setting {@code schemaValidation} at ingest, against a real server and database; schemas and settings are
 * written as the control plane writes them, and announced as it announces them.
 */
@MicronautTest
class SchemaValidationAtIngestTest implements WithTestDatabase {

    static final String SECRET = ApiKeySecrets.PREFIX + "test-secret-for-schema-validation";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ORDER_PLACED = """
            {"$schema": "http://json-schema.org/draft-04/schema#", "type": "object",
             "properties": {"orderId": {"type": "string"}, "total": {"type": "number"},
                            "customer": {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]}},
             "required": ["orderId", "customer"]}""";
    static final String GOOD = "{\"source\": \"shop.orders\", \"detailType\": \"Order Placed\", \"detail\":"
            + " {\"orderId\": \"o-1\", \"total\": 12.5, \"customer\": {\"id\": \"c-1\"}}}";
    static final String NO_CUSTOMER = "{\"source\": \"shop.orders\", \"detailType\": \"Order Placed\", \"detail\":"
            + " {\"orderId\": \"o-2\", \"total\": 3}}";
    static final String NO_SCHEMA = "{\"source\": \"shop.carts\", \"detailType\": \"Cart Opened\", \"detail\": {}}";

    @Inject
    EmbeddedServer server;

    @Inject
    MatchRules matchRules;

    @Inject
    LatestSchemas latestSchemas;

    @Inject
    MeterRegistry meters;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void aKeyAndTheOrderSchema() {
        sql("INSERT INTO api_key (id, name, secret_hash, buses) VALUES (gen_random_uuid(), 'producer', ?, '{default}')",
                ApiKeySecrets.hash(SECRET));
        sql("""
                INSERT INTO event_schema (name, format, compatibility, latest_version)
                VALUES ('shop.orders@OrderPlaced', 'JSONSchemaDraft4', 'BACKWARD', 1)
                """);
        sql("""
                INSERT INTO event_schema_version (schema_id, version, content, fingerprint)
                SELECT id, 1, ?, 'f1' FROM event_schema WHERE name = 'shop.orders@OrderPlaced'
                """, ORDER_PLACED);
        latestSchemas.missedAnnouncements(); // cleaning between tests truncates without announcing
    }

    @Test
    void enforceRefusesAnInvalidEventNamingTheFieldAndStoresTheOthers() throws Exception {
        validation("ENFORCE", false);

        JsonNode body = put(GOOD, NO_CUSTOMER, NO_SCHEMA);

        assertThat(body.path("failedEntryCount").asInt()).isEqualTo(1);
        assertThat(outcomes(body)).containsExactly("ok", "SchemaValidationFailed", "ok");
        JsonNode refused = body.path("entries").get(1);
        assertThat(refused.path("errorMessage").asText()).contains("shop.orders@OrderPlaced").contains("version 1")
                .contains("customer");
        assertThat(refused.path("errorLocation").asText()).isEqualTo("detail");
        assertThat(TestDatabase.get().strings("SELECT count(*) FROM event")).containsExactly("2");
    }

    @Test
    void warnAcceptsAnInvalidEventAndCountsIt() throws Exception {
        validation("WARN", false);
        double before = violations("WARN");

        JsonNode body = put(GOOD, NO_CUSTOMER);

        assertThat(outcomes(body)).containsExactly("ok", "ok");
        assertThat(violations("WARN") - before).isEqualTo(1.0);
        String invalid = body.path("entries").get(1).path("eventId").asText();
        assertThat(TestDatabase.get().strings("SELECT coalesce(schema_problem, '-') FROM event WHERE id = '" + invalid + "'"))
                .singleElement().asString().contains("shop.orders@OrderPlaced").contains("customer");
        String valid = body.path("entries").get(0).path("eventId").asText();
        assertThat(TestDatabase.get().strings("SELECT coalesce(schema_problem, '-') FROM event WHERE id = '" + valid + "'"))
                .containsExactly("-");
    }

    @Test
    void offChecksNothing() throws Exception {
        validation("OFF", true);

        assertThat(outcomes(put(NO_CUSTOMER, NO_SCHEMA))).containsExactly("ok", "ok");
    }

    @Test
    void requireSchemaRefusesAnEventWithNoSchema() throws Exception {
        validation("ENFORCE", true);

        JsonNode body = put(GOOD, NO_SCHEMA);

        assertThat(outcomes(body)).containsExactly("ok", "SchemaValidationFailed");
        assertThat(body.path("entries").get(1).path("errorMessage").asText()).contains("shop.carts@CartOpened")
                .contains("requires");
    }

    @Test
    void aNewVersionAppliesOnceItIsAnnounced() throws Exception {
        validation("ENFORCE", false);
        assertThat(outcomes(put(NO_CUSTOMER))).containsExactly("SchemaValidationFailed");

        // version 2 no longer requires the customer
        sql("""
                INSERT INTO event_schema_version (schema_id, version, content, fingerprint)
                SELECT id, 2, ?, 'f2' FROM event_schema WHERE name = 'shop.orders@OrderPlaced'
                """, ORDER_PLACED.replace("\"required\": [\"orderId\", \"customer\"]", "\"required\": [\"orderId\"]"));
        sql("UPDATE event_schema SET latest_version = 2 WHERE name = 'shop.orders@OrderPlaced'");
        announce(SchemaNames.announcement("shop.orders@OrderPlaced"));

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(outcomes(put(NO_CUSTOMER))).containsExactly("ok"));
    }

    private void validation(String mode, boolean requireSchema) throws Exception {
        sql("UPDATE bus SET schema_validation = ?, require_schema = ?, version = version + 1 WHERE name = 'default'",
                mode, requireSchema);
        matchRules.refresh("default");
    }

    private double violations(String mode) {
        var counter = meters.find("eventbus.ingest.schema.violations").tag("bus", "default").tag("mode", mode)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private JsonNode put(String... entries) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(server.getURL() + "/v1/buses/default/events"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + SECRET)
                .POST(HttpRequest.BodyPublishers.ofString("{\"entries\": [" + String.join(",", entries) + "]}",
                        StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> outcomes(JsonNode body) {
        List<String> outcomes = new ArrayList<>();
        body.path("entries").forEach(e -> outcomes.add(e.has("eventId") ? "ok" : e.path("errorCode").asText()));
        return outcomes;
    }

    private static void announce(String payload) throws Exception {
        try (Connection c = TestDatabase.get().dataSource().getConnection()) {
            ConfigChannel.announce(c, payload);
        }
    }

    private static void sql(String sql, Object... params) {
        TestDatabase.get().execute(sql, params);
    }
}
