package io.eventbus.server.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.server.support.ApiCalls;
import io.eventbus.server.support.WithAdminToken;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both planes in one process: a consumer reads with an API key what a rule's queue target put on a queue; the
 * admin token filter lets the key through on the queue routes, and the admin token is no API key there.
 */
@MicronautTest
class QueueConsumerFlowTest implements WithAdminToken {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aConsumerReceivesWhatARuleSentToItsQueueAndDeletesIt() throws Exception {
        call("POST", "/v1/queues", ADMIN_TOKEN, "{\"name\": \"billing\"}", 201);
        call("PUT", "/v1/buses/default/rules/all-orders", ADMIN_TOKEN, """
                {"eventPattern": {"source": ["shop.orders"]},
                 "targets": [{"id": "billing", "type": "queue", "queue": {"name": "billing"}}]}""", 201);
        JsonNode key = call("POST", "/v1/api-keys", ADMIN_TOKEN,
                "{\"name\": \"shop\", \"buses\": [\"default\"], \"queues\": [\"billing\"]}", 201);
        String secret = key.path("secret").asText();
        assertThat(key.path("queues").get(0).asText()).isEqualTo("billing");

        call("POST", "/v1/queues/billing/messages:receive", ADMIN_TOKEN, "{}", 401);
        String eventId = call("POST", "/v1/buses/default/events", secret,
                "{\"entries\": [{\"source\": \"shop.orders\", \"detailType\": \"Order Placed\", \"detail\": {\"total\": 7}}]}",
                200).path("entries").get(0).path("eventId").asText();

        JsonNode messages = call("POST", "/v1/queues/billing/messages:receive", secret, "{\"waitTimeSeconds\": 10}", 200)
                .path("messages");

        assertThat(messages.size()).isEqualTo(1);
        assertThat(JSON.readTree(messages.get(0).path("body").asText()).path("id").asText()).isEqualTo(eventId);
        call("DELETE", "/v1/queues/billing/messages/" + messages.get(0).path("receiptHandle").asText(), secret, null, 204);
        String metrics = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern("eventbus_queue_messages_total\\{[^}]*action=\"received\"[^}]*queue=\"billing\"")
                .containsPattern("eventbus_queue_messages_total\\{[^}]*action=\"deleted\"")
                .contains("eventbus_queue_long_polls");
    }

    private JsonNode call(String method, String path, String token, String body, int status) throws Exception {
        return new ApiCalls(server.getURL()).call(method, path, token, body, status);
    }
}
