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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /v1/buses/{bus}/target-health}: a target whose receiver refuses is FAILING with its dead letters, failed
 * attempts and last error; one that answers is HEALTHY with its deliveries and latency; one nothing reached is IDLE.
 */
@MicronautTest
class TargetHealthFlowTest implements WithLocalReceivers {

    @Inject
    EmbeddedServer server;

    private HttpServer receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void eachTargetSaysHowItIsDoing() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/good", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.createContext("/bad", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
        });
        receiver.start();
        int port = receiver.getAddress().getPort();
        call("POST", "/v1/buses", "{\"name\": \"watched\"}", 201);
        call("PUT", "/v1/buses/watched/rules/orders", """
                {"eventPattern": {"source": ["shop"]}, "targets": [
                 {"id": "good", "type": "webhook", "webhook": {"url": "http://127.0.0.1:%d/good"}},
                 {"id": "bad", "type": "webhook", "webhook": {"url": "http://127.0.0.1:%d/bad"}}]}"""
                .formatted(port, port), 201);
        call("PUT", "/v1/buses/watched/rules/quiet", """
                {"eventPattern": {"source": ["nobody"]}, "targets": [
                 {"id": "never", "type": "webhook", "webhook": {"url": "http://127.0.0.1:%d/good"}}]}"""
                .formatted(port), 201);
        String key = call("POST", "/v1/api-keys", "{\"name\": \"watched\", \"buses\": [\"watched\"]}", 201)
                .path("secret").asText();
        call("POST", "/v1/buses/watched/events", key, "{\"entries\": ["
                + "{\"source\": \"shop\", \"detailType\": \"t\", \"detail\": {\"n\": 1}},"
                + "{\"source\": \"shop\", \"detailType\": \"t\", \"detail\": {\"n\": 2}},"
                + "{\"source\": \"shop\", \"detailType\": \"t\", \"detail\": {\"n\": 3}}]}", 200);

        await().atMost(Duration.ofSeconds(15)).until(() -> target("bad").path("deadLettered").asLong() == 3
                && target("good").path("delivered").asLong() == 3);
        JsonNode page = call("GET", "/v1/buses/watched/target-health?window=15m", null, 200);
        assertThat(page.path("window").asText()).isEqualTo("15m");
        assertThat(page.path("targets")).hasSize(3);
        assertThat(page.path("targets").get(0).path("rule").asText()).isEqualTo("orders");
        assertThat(page.path("targets").get(0).path("target").asText()).as("the rule's target order").isEqualTo("good");

        JsonNode bad = target("bad");
        assertThat(bad.path("health").asText()).isEqualTo("FAILING");
        assertThat(bad.path("failedAttempts").asLong()).isEqualTo(3);
        assertThat(bad.path("attempts").asLong()).isEqualTo(3);
        assertThat(bad.path("successRate").asDouble()).isZero();
        assertThat(bad.path("lastError").asText()).startsWith("HTTP 400");
        assertThat(bad.path("lastErrorAt").asText()).isNotBlank();

        JsonNode good = target("good");
        assertThat(good.path("health").asText()).isEqualTo("HEALTHY");
        assertThat(good.path("failedAttempts").asLong()).isZero();
        assertThat(good.path("successRate").asDouble()).isEqualTo(1.0);
        assertThat(good.path("latencyP50Millis").isInt()).isTrue();
        assertThat(good.path("latencyP99Millis").asInt()).isGreaterThanOrEqualTo(good.path("latencyP50Millis").asInt());
        assertThat(good.has("lastError")).isFalse();

        JsonNode never = target("never");
        assertThat(never.path("health").asText()).isEqualTo("IDLE");
        assertThat(never.path("attempts").asLong()).isZero();
        assertThat(never.has("successRate")).isFalse();
    }

    @Test
    void anUnknownWindowOrBusIsRefused() throws Exception {
        assertThat(call("GET", "/v1/buses/default/target-health?window=2h", null, 400).toString())
                .contains("query: window").contains("15m, 1h, 24h, 7d");
        assertThat(call("GET", "/v1/buses/nope/target-health", null, 404).path("detail").asText())
                .contains("bus 'nope' does not exist");
        assertThat(call("GET", "/v1/buses/default/target-health", null, 200).path("window").asText()).isEqualTo("1h");
    }

    private JsonNode target(String id) throws Exception {
        for (JsonNode t : call("GET", "/v1/buses/watched/target-health", null, 200).path("targets")) {
            if (t.path("target").asText().equals(id)) {
                return t;
            }
        }
        throw new AssertionError("no target " + id);
    }

    private JsonNode call(String method, String path, String body, int status) throws Exception {
        return call(method, path, ADMIN_TOKEN, body, status);
    }

    private JsonNode call(String method, String path, String token, String body, int status) throws Exception {
        return new ApiCalls(server.getURL()).call(method, path, token, body, status);
    }
}
