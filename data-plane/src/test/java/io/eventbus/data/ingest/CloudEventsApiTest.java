package io.eventbus.data.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.apikey.ApiKeySecrets;
import io.eventbus.core.testing.WithTestDatabase;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.eventbus.data.ingest.IngestApiTest.rows;
import static io.eventbus.data.ingest.IngestApiTest.sql;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /v1/buses/{bus}/cloudevents} in its three modes, against a real server and database. */
@MicronautTest
class CloudEventsApiTest implements WithTestDatabase {

    static final String SECRET = ApiKeySecrets.PREFIX + "cloudevents-test-key";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void key() throws Exception {
        sql("INSERT INTO api_key (id, name, secret_hash, buses) VALUES (gen_random_uuid(), 'ce', ?, '{default}')",
                ApiKeySecrets.hash(SECRET));
    }

    @Test
    void binaryMode() throws Exception {
        HttpResponse<String> response = post("application/json", "{\"total\": 300}",
                "ce-specversion", "1.0", "ce-id", "order-7", "ce-source", "shop.orders", "ce-type", "Order Placed",
                "ce-subject", "order/7");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode envelope = JSON.readTree(rows("SELECT envelope FROM event").get(0));
        assertThat(envelope.path("source").asText()).isEqualTo("shop.orders");
        assertThat(envelope.path("detail-type").asText()).isEqualTo("Order Placed");
        assertThat(envelope.path("detail").path("total").asInt()).isEqualTo(300);
        assertThat(envelope.path("detail").path("cloudevents").path("id").asText()).isEqualTo("order-7");
        assertThat(envelope.path("resources").get(0).asText()).isEqualTo("order/7");
    }

    @Test
    void structuredModeAndRetriesOfTheSameEventAreDeduplicated() throws Exception {
        String event = """
                {"specversion": "1.0", "id": "A1", "source": "shop.orders", "type": "Order Placed",
                 "time": "2026-11-26T10:00:00Z", "data": {"total": 120}}""";
        String first = JSON.readTree(post("application/cloudevents+json", event).body())
                .path("entries").get(0).path("eventId").asText();
        String retry = JSON.readTree(post("application/cloudevents+json", event).body())
                .path("entries").get(0).path("eventId").asText();

        assertThat(retry).isEqualTo(first);
        assertThat(rows("SELECT count(*) FROM event")).containsExactly("1");
    }

    @Test
    void batchModeAnswersEachEvent() throws Exception {
        HttpResponse<String> response = post("application/cloudevents-batch+json", """
                [{"specversion": "1.0", "id": "1", "source": "s", "type": "t", "data": {"n": 1}},
                 {"specversion": "1.0", "source": "s", "type": "t"},
                 {"specversion": "1.0", "id": "3", "source": "s", "type": "t"}]""");

        JsonNode body = JSON.readTree(response.body());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(body.path("failedEntryCount").asInt()).isEqualTo(1);
        assertThat(body.path("entries").get(1).path("errorMessage").asText()).contains("'id'");
        assertThat(rows("SELECT count(*) FROM event")).containsExactly("2");
    }

    @Test
    void aSingleBadEventIsA400() throws Exception {
        assertThat(post("application/cloudevents+json", "{\"specversion\": \"1.0\", \"source\": \"s\", \"type\": \"t\"}")
                .statusCode()).isEqualTo(400);
        assertThat(post("application/json", "{}", "ce-specversion", "1.0", "ce-source", "s", "ce-type", "t")
                .statusCode()).as("binary mode without ce-id").isEqualTo(400);
        assertThat(rows("SELECT count(*) FROM event")).containsExactly("0");
    }

    private HttpResponse<String> post(String contentType, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/buses/default/cloudevents"))
                .header("Authorization", "Bearer " + SECRET).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
