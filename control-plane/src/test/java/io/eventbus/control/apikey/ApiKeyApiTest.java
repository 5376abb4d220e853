package io.eventbus.control.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.control.support.AdminApi;
import io.eventbus.control.support.AdminApi.Reply;
import io.eventbus.control.support.ControlPlaneTest;
import io.eventbus.core.apikey.ApiKeySecrets;
import io.eventbus.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class ApiKeyApiTest extends ControlPlaneTest {

    @Test
    void showsTheSecretOnceAndStoresOnlyItsHash() throws Exception {
        Reply created = api.post("/v1/api-keys", "{\"name\": \"shop\", \"buses\": [\"default\"]}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asText();
        String secret = created.json().path("secret").asText();
        assertThat(secret).startsWith(ApiKeySecrets.PREFIX).hasSizeGreaterThan(40);

        JsonNode read = api.get("/v1/api-keys/" + id).json();
        assertThat(read.has("secret")).isFalse();
        assertThat(read.path("buses").get(0).asText()).isEqualTo("default");
        assertThat(api.get("/v1/api-keys").body()).doesNotContain(secret);
        assertThat(api.get("/v1/audit-log").body()).doesNotContain(secret);

        try (Connection c = TestDatabase.get().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT secret_hash FROM api_key WHERE id = ?::uuid")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getBytes(1)).isEqualTo(ApiKeySecrets.hash(secret));
            }
        }
    }

    @Test
    void aKeyOnAnAdminRouteIsToldThatAdminRoutesTakeNoApiKeys() {
        String secret = api.post("/v1/api-keys", "{\"name\": \"producer\", \"buses\": [\"default\"]}").json()
                .path("secret").asText();

        AdminApi.Reply refused = api.send("GET", "/v1/buses", null, Map.of("Authorization", "Bearer " + secret));
        assertThat(refused.problemCode(401)).isEqualTo("Unauthorized");
        assertThat(refused.json().path("detail").asText()).contains("API key").contains("admin token")
                .contains("console session").doesNotContain(secret);
        assertThat(refused.json().path("location").asText()).isEqualTo("header: Authorization");

        AdminApi.Reply wrongToken = api.send("GET", "/v1/buses", null, Map.of("Authorization", "Bearer not-the-token"));
        assertThat(wrongToken.json().path("detail").asText()).isEqualTo("The bearer token is not the admin token");
    }

    @Test
    void revokesAKey() {
        String id = api.post("/v1/api-keys", "{\"name\": \"shop\", \"buses\": [\"*\"]}").json().path("id").asText();

        assertThat(api.delete("/v1/api-keys/" + id).status()).isEqualTo(204);

        assertThat(api.get("/v1/api-keys/" + id).json().has("revokedAt")).isTrue();
        assertThat(api.delete("/v1/api-keys/" + id).status()).as("revoking twice is harmless").isEqualTo(204);
        assertThat(api.delete("/v1/api-keys/00000000-0000-0000-0000-000000000000").problemCode(404)).isEqualTo("NotFound");
    }

    @Test
    void aKeysScopeChangesAndItsSecretStays() {
        api.post("/v1/queues", "{\"name\": \"jobs\"}");
        Reply created = api.post("/v1/api-keys", "{\"name\": \"shop\", \"buses\": [\"default\"]}");
        String id = created.json().path("id").asText();

        Reply updated = api.put("/v1/api-keys/" + id, "{\"buses\": [\"*\"], \"queues\": [\"jobs\"]}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("buses").findValuesAsText("")).isEmpty();
        assertThat(updated.json().path("buses").get(0).asText()).isEqualTo("*");
        assertThat(updated.json().path("queues").get(0).asText()).isEqualTo("jobs");
        assertThat(updated.json().has("secret")).as("the secret is never shown again").isFalse();
        assertThat(api.get("/v1/api-keys/" + id).json().path("queues").get(0).asText()).isEqualTo("jobs");

        assertThat(api.put("/v1/api-keys/" + id, "{\"queues\": [\"nope\"]}").json().path("location").asText())
                .startsWith("queues");
        assertThat(api.put("/v1/api-keys/" + id, "{}").problemCode(400)).isEqualTo("ValidationError");
        assertThat(api.put("/v1/api-keys/00000000-0000-0000-0000-000000000000", "{\"buses\": [\"*\"]}")
                .problemCode(404)).isEqualTo("NotFound");
        api.delete("/v1/api-keys/" + id);
        assertThat(api.put("/v1/api-keys/" + id, "{\"buses\": [\"*\"]}").problemCode(409)).isEqualTo("Conflict");
        assertThat(api.get("/v1/audit-log").body()).contains("apikey.update");
    }

    @Test
    void refusesKeysForBusesThatDoNotExist() {
        Reply refused = api.post("/v1/api-keys", "{\"name\": \"shop\", \"buses\": [\"default\", \"ordres\"]}");
        assertThat(refused.problemCode(400)).isEqualTo("ValidationError");
        assertThat(refused.json().path("location").asText()).isEqualTo("buses[1]");

        assertThat(api.post("/v1/api-keys", "{\"name\": \"shop\", \"buses\": []}").problemCode(400))
                .isEqualTo("ValidationError");
        assertThat(api.post("/v1/api-keys", "{\"name\": \"shop\", \"buses\": [\"*\", \"default\"]}").problemCode(400))
                .isEqualTo("ValidationError");
        assertThat(api.get("/v1/api-keys").json().path("apiKeys").size()).isZero();
    }

    @Test
    void aKeyMayHoldQueuesBesideOrInsteadOfBuses() {
        api.post("/v1/queues", "{\"name\": \"orders-dlq\"}");
        Reply consumer = api.post("/v1/api-keys", "{\"name\": \"dlq-reader\", \"queues\": [\"orders-dlq\"]}");
        Reply both = api.post("/v1/api-keys", "{\"name\": \"both\", \"buses\": [\"default\"], \"queues\": [\"*\"]}");

        assertThat(consumer.status()).as(consumer.body()).isEqualTo(201);
        assertThat(consumer.json().path("queues").toString()).isEqualTo("[\"orders-dlq\"]");
        assertThat(consumer.json().path("buses").toString()).isEqualTo("[]");
        assertThat(both.status()).as(both.body()).isEqualTo(201);
        JsonNode listed = api.get("/v1/api-keys").json().path("apiKeys");
        assertThat(listed.get(0).path("queues").toString()).isEqualTo("[\"orders-dlq\"]");
        assertThat(listed.get(1).path("queues").toString()).isEqualTo("[\"*\"]");
        assertThat(listed.get(1).path("buses").toString()).isEqualTo("[\"default\"]");
        assertThat(api.get("/v1/audit-log").body()).contains("orders-dlq");
    }

    @Test
    void refusesKeysForQueuesThatDoNotExistAndKeysWithoutScope() {
        api.post("/v1/queues", "{\"name\": \"orders-dlq\"}");
        Reply refused = api.post("/v1/api-keys", "{\"name\": \"k\", \"queues\": [\"orders-dlq\", \"orders-dql\"]}");
        assertThat(refused.problemCode(400)).isEqualTo("ValidationError");
        assertThat(refused.json().path("location").asText()).isEqualTo("queues[1]");
        assertThat(refused.json().path("detail").asText()).contains("queue 'orders-dql' does not exist");

        Reply badName = api.post("/v1/api-keys", "{\"name\": \"k\", \"queues\": [\"a b\"]}");
        assertThat(badName.json().path("location").asText()).isEqualTo("queues[0]");
        assertThat(api.post("/v1/api-keys", "{\"name\": \"k\", \"queues\": [\"*\", \"orders-dlq\"]}").problemCode(400))
                .isEqualTo("ValidationError");
        Reply none = api.post("/v1/api-keys", "{\"name\": \"k\", \"buses\": [], \"queues\": []}");
        assertThat(none.problemCode(400)).isEqualTo("ValidationError");
        assertThat(none.json().path("detail").asText()).contains("at least one bus").contains("queue");
        assertThat(api.post("/v1/api-keys", "{\"name\": \"k\"}").problemCode(400)).isEqualTo("ValidationError");
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i <= 100; i++) {
            many.append(i == 0 ? "" : ",").append("\"q").append(i).append('"');
        }
        assertThat(api.post("/v1/api-keys", "{\"name\": \"k\", \"queues\": " + many + "]}").json().path("location")
                .asText()).isEqualTo("queues");
        assertThat(api.get("/v1/api-keys").json().path("apiKeys").size()).isZero();
    }

    @Test
    void namesAreUnique() {
        api.post("/v1/api-keys", "{\"name\": \"shop\", \"buses\": [\"*\"]}");
        assertThat(api.post("/v1/api-keys", "{\"name\": \"shop\", \"buses\": [\"*\"]}").problemCode(409))
                .isEqualTo("Conflict");
    }
}
