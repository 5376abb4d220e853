package io.eventbus.data.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.apikey.ApiKeySecrets;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Schema discovery from events put on a bus with {@code schemaDiscovery} on, against a real server and database. */
@MicronautTest
class SchemaDiscoveryTest implements WithTestDatabase {

    static final String SECRET = ApiKeySecrets.PREFIX + "test-secret-for-schema-discovery";
    static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Map<String, String> getProperties() {
        // every event a sample, so that the test need not wait for the interval
        return propertiesWith("eventbus.schemas.discovery.sample-interval", "0s");
    }

    @Inject
    EmbeddedServer server;

    @Inject
    MatchRules matchRules;

    @Inject
    DiscoverSchemas discover;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void aKeyAndABusThatDiscovers() {
        TestDatabase.get().execute("INSERT INTO api_key (id, name, secret_hash, buses) VALUES (gen_random_uuid(),"
                + " 'producer', ?, '{default}')", ApiKeySecrets.hash(SECRET));
        TestDatabase.get().execute("UPDATE bus SET schema_discovery = true, version = version + 1 WHERE name = 'default'");
        matchRules.refresh("default");
    }

    @Test
    void aSchemaAppearsAfterEventsAndWidensWhenTheirShapeChanges() throws Exception {
        put("{\"source\": \"shop.found\", \"detailType\": \"Item Found\", \"detail\": {\"sku\": \"a\", \"qty\": 1,"
                + " \"at\": \"2026-12-06T10:00:00Z\"}}");

        JsonNode first = await().atMost(Duration.ofSeconds(10)).until(() -> latest("shop.found@ItemFound"), v -> v != null);
        assertThat(TestDatabase.get().strings("SELECT discovered || ':' || compatibility || ':' || latest_version"
                + " FROM event_schema WHERE name = 'shop.found@ItemFound'")).containsExactly("true:NONE:1");
        assertThat(first.path("properties").path("qty").path("type").asText()).isEqualTo("integer");
        assertThat(first.path("properties").path("at").path("format").asText()).isEqualTo("date-time");
        assertThat(first.path("required").toString()).isEqualTo("[\"sku\",\"qty\",\"at\"]");

        // the same shape again: no new version; a new property: version 2, where it is optional
        put("{\"source\": \"shop.found\", \"detailType\": \"Item Found\", \"detail\": {\"sku\": \"b\", \"qty\": 2,"
                + " \"at\": \"2026-12-06T11:00:00Z\"}}");
        put("{\"source\": \"shop.found\", \"detailType\": \"Item Found\", \"detail\": {\"sku\": \"c\", \"qty\": 3,"
                + " \"at\": \"2026-12-06T12:00:00Z\", \"gift\": true}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> versions("shop.found@ItemFound"), n -> n == 2);
        JsonNode second = latest("shop.found@ItemFound");
        assertThat(second.path("properties").path("gift").path("type").asText()).isEqualTo("boolean");
        assertThat(second.path("required").toString()).isEqualTo("[\"sku\",\"qty\",\"at\"]");
        assertThat(TestDatabase.get().strings("SELECT bool_and(discovered) FROM event_schema_version")).containsExactly("t");
    }

    @Test
    void whatAnotherProcessDiscoveredIsKeptWhenThisOneAddsAVersion() throws Exception {
        put("{\"source\": \"shop.shared\", \"detailType\": \"Shared\", \"detail\": {\"id\": \"a\"}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> latest("shop.shared@Shared"), v -> v != null);
        // another data plane, which saw a "note", stores version 2 meanwhile
        TestDatabase.get().execute("""
                INSERT INTO event_schema_version (schema_id, version, content, fingerprint, discovered)
                SELECT id, 2, ?, 'elsewhere', true FROM event_schema WHERE name = 'shop.shared@Shared'""",
                "{\"$schema\": \"http://json-schema.org/draft-04/schema#\", \"type\": \"object\", \"properties\":"
                        + " {\"id\": {\"type\": \"string\"}, \"note\": {\"type\": \"string\"}}, \"required\": [\"id\"]}");
        TestDatabase.get().execute("UPDATE event_schema SET latest_version = 2 WHERE name = 'shop.shared@Shared'");

        put("{\"source\": \"shop.shared\", \"detailType\": \"Shared\", \"detail\": {\"id\": \"b\", \"qty\": 1}}");

        await().atMost(Duration.ofSeconds(10)).until(() -> versions("shop.shared@Shared"), n -> n == 3);
        JsonNode third = latest("shop.shared@Shared");
        assertThat(third.path("properties").has("note")).as("what the other process saw").isTrue();
        assertThat(third.path("properties").has("qty")).as("what this one saw").isTrue();
    }

    @Test
    void aSchemaAPersonRegisteredIsLeftAlone() throws Exception {
        TestDatabase.get().execute("INSERT INTO event_schema (name, format, compatibility, latest_version)"
                + " VALUES ('shop.owned@Owned', 'JSONSchemaDraft4', 'BACKWARD', 1)");
        TestDatabase.get().execute("INSERT INTO event_schema_version (schema_id, version, content, fingerprint)"
                + " SELECT id, 1, '{\"type\": \"object\"}', 'f' FROM event_schema WHERE name = 'shop.owned@Owned'");

        put("{\"source\": \"shop.owned\", \"detailType\": \"Owned\", \"detail\": {\"x\": 1}}");
        put("{\"source\": \"shop.marker\", \"detailType\": \"Marker\", \"detail\": {}}");

        await().atMost(Duration.ofSeconds(10)).until(() -> latest("shop.marker@Marker"), v -> v != null);
        assertThat(versions("shop.owned@Owned")).isEqualTo(1);
        assertThat(latest("shop.owned@Owned").toString()).isEqualTo("{\"type\":\"object\"}");
    }

    @Test
    void nothingIsDiscoveredOnABusWithDiscoveryOff() throws Exception {
        TestDatabase.get().execute("UPDATE bus SET schema_discovery = false, version = version + 1 WHERE name = 'default'");
        matchRules.refresh("default");

        put("{\"source\": \"shop.quiet\", \"detailType\": \"Quiet\", \"detail\": {\"x\": 1}}");
        discover.recordChanges();

        assertThat(TestDatabase.get().strings("SELECT count(*) FROM event_schema")).containsExactly("0");
    }

    private void put(String entry) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(server.getURL() + "/v1/buses/default/events"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + SECRET)
                .POST(HttpRequest.BodyPublishers.ofString("{\"entries\": [" + entry + "]}", StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("failedEntryCount").asInt()).isZero();
    }

    private static JsonNode latest(String name) throws Exception {
        List<String> content = TestDatabase.get().strings("SELECT v.content FROM event_schema s JOIN event_schema_version v"
                + " ON v.schema_id = s.id AND v.version = s.latest_version WHERE s.name = '" + name + "'");
        return content.isEmpty() ? null : JSON.readTree(content.get(0));
    }

    private static int versions(String name) {
        return Integer.parseInt(TestDatabase.get().strings("SELECT count(*) FROM event_schema_version v JOIN"
                + " event_schema s ON s.id = v.schema_id WHERE s.name = '" + name + "'").get(0));
    }
}
