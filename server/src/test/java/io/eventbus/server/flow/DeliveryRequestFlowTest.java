package io.eventbus.server.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.eventbus.server.support.ApiCalls;
import io.eventbus.server.support.WithLocalReceivers;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /v1/deliveries/{id}/request}: what the explorer shows of a delivery is what its receiver got (method,
 * URL, every header, the shaped body), but for the signature and the connection's header, which are masked.
 */
@MicronautTest
class DeliveryRequestFlowTest implements WithLocalReceivers {

    private static final String PASSWORD = "connection-password-" + UUID.randomUUID();

    @Inject
    EmbeddedServer server;

    private HttpServer receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    /** One request as the receiver saw it. */
    private record Received(String method, String path, Map<String, String> headers, String body) {
    }

    @Test
    void theRequestShownIsTheRequestReceivedWithItsSecretsMasked() throws Exception {
        AtomicReference<Received> received = new AtomicReference<>();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            received.set(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers,
                    new String(exchange.getRequestBody().readAllBytes())));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        call("POST", "/v1/connections", """
                {"name": "hook-auth", "authorizationType": "BASIC",
                 "authParameters": {"basic": {"username": "eventbus", "password": "%s"}}}""".formatted(PASSWORD), 201);
        String url = "http://127.0.0.1:%d/hook?tenant=7".formatted(receiver.getAddress().getPort());
        call("PUT", "/v1/buses/default/rules/shaped", """
                {"eventPattern": {"source": ["shop"]}, "targets": [{"id": "hook", "type": "webhook",
                 "webhook": {"url": "%s", "method": "PUT", "headers": {"x-team": "billing"},
                             "connection": "hook-auth", "signingSecret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"},
                 "inputTransformer": {"inputPathsMap": {"order": "$.detail.orderId"},
                                      "inputTemplate": "{\\"order\\": <order>, \\"rule\\": <aws.events.rule-name>}"}}]}"""
                .formatted(url), 201);
        String key = call("POST", "/v1/api-keys", "{\"name\": \"k\", \"buses\": [\"default\"]}", 201)
                .path("secret").asText();
        String eventId = call("POST", "/v1/buses/default/events", key, "{\"entries\": [{\"source\": \"shop\","
                + " \"detailType\": \"Order Placed\", \"detail\": {\"orderId\": 42}}]}", 200)
                .path("entries").get(0).path("eventId").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> received.get() != null
                && delivery(eventId).path("state").asText().equals("DELIVERED"));
        String deliveryId = delivery(eventId).path("id").asText();

        JsonNode shown = call("GET", "/v1/deliveries/" + deliveryId + "/request", null, 200);
        Received got = received.get();
        assertThat(shown.path("type").asText()).isEqualTo("webhook");
        assertThat(shown.path("method").asText()).isEqualTo(got.method()).isEqualTo("PUT");
        assertThat(shown.path("url").asText()).isEqualTo(url).endsWith(got.path());
        assertThat(shown.path("body").asText()).isEqualTo(got.body()).isEqualTo("{\"order\":42,\"rule\":\"shaped\"}");
        assertThat(shown.path("settingsChangedSince").asBoolean()).isFalse();
        assertThat(shown.path("timestamp").asText()).isEqualTo(got.headers().get("webhook-timestamp"));

        Map<String, JsonNode> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        shown.path("headers").forEach(h -> headers.put(h.path("name").asText(), h));
        assertThat(headers.keySet()).contains("webhook-id", "webhook-timestamp", "webhook-signature", "x-team",
                "content-type", "user-agent", "authorization");
        headers.forEach((name, header) -> {
            assertThat(got.headers()).as("the receiver got %s", name).containsKey(name);
            if (!header.path("secret").asBoolean()) {
                assertThat(header.path("value").asText()).as(name).isEqualTo(got.headers().get(name));
            }
        });
        assertThat(headers.get("webhook-id").path("value").asText()).isEqualTo(deliveryId);
        assertThat(headers.get("authorization").path("value").asText()).startsWith("Basic ").contains("••••");
        assertThat(headers.get("authorization").path("note").asText()).contains("hook-auth");
        assertThat(headers.get("webhook-signature").path("secret").asBoolean()).isTrue();
        assertThat(got.headers().get("webhook-signature")).startsWith("v1,");
        assertThat(shown.toString()).as("no secret is shown")
                .doesNotContain(PASSWORD).doesNotContain(got.headers().get("authorization"))
                .doesNotContain(got.headers().get("webhook-signature").substring(3));

        call("PUT", "/v1/buses/default/rules/shaped", """
                {"eventPattern": {"source": ["shop"]}, "targets": [{"id": "hook", "type": "webhook",
                 "webhook": {"url": "%s"}}]}""".formatted(url), 200);
        JsonNode now = call("GET", "/v1/deliveries/" + deliveryId + "/request", null, 200);
        assertThat(now.path("settingsChangedSince").asBoolean()).as("saved after the last attempt").isTrue();
        assertThat(now.path("method").asText()).isEqualTo("POST");
    }

    @Test
    void aQueueDeliveryShowsItsMessageAndAnUnknownDeliveryIsNotFound() throws Exception {
        call("POST", "/v1/queues", "{\"name\": \"orders\"}", 201);
        call("PUT", "/v1/buses/default/rules/queued", """
                {"eventPattern": {"source": ["shop"]}, "targets": [{"id": "q", "type": "queue",
                 "queue": {"name": "orders"}, "inputPath": "$.detail"}]}""", 201);
        String key = call("POST", "/v1/api-keys", "{\"name\": \"k\", \"buses\": [\"default\"]}", 201)
                .path("secret").asText();
        String eventId = call("POST", "/v1/buses/default/events", key, "{\"entries\": [{\"source\": \"shop\","
                + " \"detailType\": \"t\", \"detail\": {\"n\": 1}}]}", 200).path("entries").get(0).path("eventId").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> delivery(eventId).path("state").asText().equals("DELIVERED"));

        JsonNode shown = call("GET", "/v1/deliveries/" + delivery(eventId).path("id").asText() + "/request", null, 200);
        assertThat(shown.path("type").asText()).isEqualTo("queue");
        assertThat(shown.path("queue").asText()).isEqualTo("orders");
        assertThat(shown.path("body").asText()).isEqualTo("{\"n\":1}");
        assertThat(shown.has("headers")).isFalse();
        assertThat(call("GET", "/v1/deliveries/" + UUID.randomUUID() + "/request", null, 404).path("detail").asText())
                .contains("does not exist");
    }

    @Test
    void aBusDeliveryShowsWhereItForwardsTheEvent() throws Exception {
        call("POST", "/v1/buses", "{\"name\": \"billing\"}", 201);
        call("PUT", "/v1/buses/default/rules/forward", """
                {"eventPattern": {"source": ["shop"]}, "targets": [{"id": "b", "type": "bus",
                 "bus": {"name": "billing"}}]}""", 201);
        String key = call("POST", "/v1/api-keys", "{\"name\": \"k2\", \"buses\": [\"default\"]}", 201)
                .path("secret").asText();
        String eventId = call("POST", "/v1/buses/default/events", key, "{\"entries\": [{\"source\": \"shop\","
                + " \"detailType\": \"t\", \"detail\": {\"n\": 2}}]}", 200).path("entries").get(0).path("eventId").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> delivery(eventId).path("state").asText().equals("DELIVERED"));

        JsonNode shown = call("GET", "/v1/deliveries/" + delivery(eventId).path("id").asText() + "/request", null, 200);
        assertThat(shown.path("type").asText()).isEqualTo("bus");
        assertThat(shown.path("destination").asText()).startsWith("bus 'billing'");
        assertThat(shown.path("body").asText()).contains(eventId, "\"detail\":{\"n\":2}");
    }

    /** The event's only delivery. */
    private JsonNode delivery(String eventId) throws Exception {
        return call("GET", "/v1/events/" + eventId, null, 200).path("deliveries").get(0);
    }

    private JsonNode call(String method, String path, String body, int status) throws Exception {
        return call(method, path, ADMIN_TOKEN, body, status);
    }

    private JsonNode call(String method, String path, String token, String body, int status) throws Exception {
        return new ApiCalls(server.getURL()).call(method, path, token, body, status);
    }
}
