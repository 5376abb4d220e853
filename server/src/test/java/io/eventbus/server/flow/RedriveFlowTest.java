package io.eventbus.server.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.eventbus.server.support.WithLocalReceivers;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A webhook refuses an event, which lands in the dead-letter queue; redriven, the fixed webhook gets it. */
@MicronautTest
class RedriveFlowTest implements WithLocalReceivers {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void aRedrivenDeadLetterIsDeliveredToItsTargetAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<String> bodies = new CopyOnWriteArrayList<>();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(calls.getAndIncrement() == 0 ? 400 : 200, -1);
            exchange.close();
        });
        receiver.start();
        call("POST", "/v1/queues", ADMIN_TOKEN, "{\"name\": \"dlq\"}", 201);
        call("PUT", "/v1/buses/default/rules/hooked", ADMIN_TOKEN, """
                {"eventPattern": {"source": ["shop"]}, "targets": [{"id": "hook", "type": "webhook",
                 "webhook": {"url": "http://127.0.0.1:%d/hook"}, "deadLetterQueue": "dlq"}]}"""
                .formatted(receiver.getAddress().getPort()), 201);
        String key = call("POST", "/v1/api-keys", ADMIN_TOKEN, "{\"name\": \"k\", \"buses\": [\"default\"]}", 201)
                .path("secret").asText();
        String eventId = call("POST", "/v1/buses/default/events", key,
                "{\"entries\": [{\"source\": \"shop\", \"detailType\": \"t\", \"detail\": {\"n\": 1}}]}", 200)
                .path("entries").get(0).path("eventId").asText();

        await().atMost(Duration.ofSeconds(15)).until(() ->
                call("GET", "/v1/queues/dlq/messages:peek", ADMIN_TOKEN, null, 200).path("messages").size() == 1);
        JsonNode letter = call("GET", "/v1/queues/dlq/messages:peek", ADMIN_TOKEN, null, 200).path("messages").get(0);
        assertThat(letter.path("attributes").path("ERROR_CODE").asText()).isEqualTo("HTTP_400");
        assertThat(letter.path("attributes").path("TARGET").asText()).isEqualTo("hook");

        JsonNode redriven = call("POST", "/v1/queues/dlq/messages:redrive", ADMIN_TOKEN,
                "{\"messageId\": \"" + letter.path("messageId").asText() + "\"}", 200);

        await().atMost(Duration.ofSeconds(15)).until(() -> states(eventId).contains("DELIVERED"));
        assertThat(states(eventId)).containsExactlyInAnyOrder("DEAD_LETTERED", "DELIVERED");
        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(1)).isEqualTo(bodies.get(0));
        assertThat(redriven.path("deliveryId").asText()).isNotBlank();
        assertThat(call("GET", "/v1/queues/dlq/messages:peek", ADMIN_TOKEN, null, 200).path("messages")).isEmpty();
    }

    private List<String> states(String eventId) throws Exception {
        JsonNode deliveries = call("GET", "/v1/events/" + eventId, ADMIN_TOKEN, null, 200).path("deliveries");
        return StreamSupport.stream(deliveries.spliterator(), false).map(d -> d.path("state").asText()).toList();
    }

    private JsonNode call(String method, String path, String token, String body, int status) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }
}
