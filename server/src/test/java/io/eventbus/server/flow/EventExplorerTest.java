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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code GET /v1/events/{id}} shows an event's matched rules, deliveries and each attempt. */
@MicronautTest
class EventExplorerTest implements WithLocalReceivers {

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
    void showsEachDeliveryWithItsAttempts() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            boolean first = calls.getAndIncrement() == 0;
            byte[] answer = (first ? "busy, try later" : "thanks").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(first ? 503 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.start();
        call("PUT", "/v1/buses/default/rules/hooked", ADMIN_TOKEN, """
                {"eventPattern": {"source": ["shop"]}, "targets": [{"id": "hook", "type": "webhook",
                 "webhook": {"url": "http://127.0.0.1:%d/hook"}}]}""".formatted(receiver.getAddress().getPort()), 201);
        String key = call("POST", "/v1/api-keys", ADMIN_TOKEN, "{\"name\": \"k\", \"buses\": [\"default\"]}", 201)
                .path("secret").asText();
        String id = call("POST", "/v1/buses/default/events", key,
                "{\"entries\": [{\"source\": \"shop\", \"detailType\": \"t\", \"detail\": {\"n\": 1}}]}", 200)
                .path("entries").get(0).path("eventId").asText();

        await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(
                call("GET", "/v1/events/" + id, ADMIN_TOKEN, null, 200).path("deliveries").get(0).path("state").asText()));
        JsonNode event = call("GET", "/v1/events/" + id, ADMIN_TOKEN, null, 200);

        assertThat(event.path("event").path("detail").path("n").asInt()).isEqualTo(1);
        assertThat(event.path("matchedRules").get(0).asText()).isEqualTo("hooked");
        JsonNode attempts = event.path("deliveries").get(0).path("attemptLog");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).path("status").asInt()).isEqualTo(503);
        assertThat(attempts.get(0).path("response").asText()).isEqualTo("busy, try later");
        assertThat(attempts.get(1).path("status").asInt()).isEqualTo(200);
        call("GET", "/v1/events/" + java.util.UUID.randomUUID(), ADMIN_TOKEN, null, 404);
    }

    @Test
    void listsABusLatestEventsNewestFirstWithTheAdminTokenOnly() throws Exception {
        call("POST", "/v1/buses", ADMIN_TOKEN, "{\"name\": \"recent\"}", 201);
        String key = call("POST", "/v1/api-keys", ADMIN_TOKEN, "{\"name\": \"k\", \"buses\": [\"recent\"]}", 201)
                .path("secret").asText();
        assertThat(call("GET", "/v1/buses/recent/events", ADMIN_TOKEN, null, 200).path("events")).isEmpty();
        for (int n = 1; n <= 3; n++) {
            call("POST", "/v1/buses/recent/events", key, "{\"entries\": [{\"source\": \"shop\", \"detailType\": \"t\","
                    + " \"detail\": {\"n\": " + n + "}}]}", 200);
        }

        JsonNode latest = call("GET", "/v1/buses/recent/events?limit=2", ADMIN_TOKEN, null, 200).path("events");

        assertThat(latest).hasSize(2);
        assertThat(latest.get(0).path("event").path("detail").path("n").asInt()).isEqualTo(3);
        assertThat(latest.get(1).path("event").path("detail").path("n").asInt()).isEqualTo(2);
        assertThat(latest.get(0).path("source").asText()).isEqualTo("shop");
        call("GET", "/v1/events/" + latest.get(0).path("id").asText(), ADMIN_TOKEN, null, 200);
        call("GET", "/v1/buses/recent/events", key, null, 401); // reading is the admin's, not a producer's
        call("GET", "/v1/buses/nowhere/events", ADMIN_TOKEN, null, 404);
        call("GET", "/v1/buses/recent/events?limit=0", ADMIN_TOKEN, null, 400);
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
