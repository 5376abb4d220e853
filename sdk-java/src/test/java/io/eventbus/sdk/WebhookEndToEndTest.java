package io.eventbus.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link WebhookVerifier} against what Eventbus really sends: a rule's webhook target with a generated signing
 * secret delivers to a receiver in this test, which verifies the request as a user's receiver would.
 */
class WebhookEndToEndTest {

    record Received(String body, Map<String, List<String>> headers) {
    }

    static RunningEventbus server;
    static Eventbus producer;
    static HttpServer receiver;
    static final LinkedBlockingQueue<Received> REQUESTS = new LinkedBlockingQueue<>();

    @BeforeAll
    static void aBusAndAReceiver() throws IOException {
        server = RunningEventbus.get();
        server.admin("POST", "/v1/buses", "{\"name\": \"sdk-webhooks\"}");
        producer = server.withNewApiKey("sdk-webhooks-producer", "[\"sdk-webhooks\"]", "[]");
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            // the JDK's Headers spell names its own way ("Webhook-signature"): the verifier must not mind
            REQUESTS.add(new Received(body, new TreeMap<>(exchange.getRequestHeaders())));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void aDeliveryVerifiesWithTheGeneratedSecretAndNothingElseDoes() throws Exception {
        String secret = putRule("\"generateSigningSecret\": true");
        String eventId = put("first");

        Received delivery = next(eventId);

        assertThat(delivery.headers().keySet()).contains("Webhook-signature");
        assertThatCode(() -> new WebhookVerifier(secret).verify(delivery.body(), delivery.headers()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new WebhookVerifier(secret).verify(delivery.body().replace("first", "fir5t"),
                delivery.headers())).isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new WebhookVerifier(WebhookVerifierTest.OTHER_SECRET).verify(delivery.body(),
                delivery.headers())).isInstanceOf(WebhookVerificationException.class)
                .hasMessageContaining("no signature matches");
    }

    @Test
    void duringASecretRotationTheOldAndTheNewSecretBothVerify() throws Exception {
        String old = putRule("\"generateSigningSecret\": true");
        String current = putRule("\"generateSigningSecret\": true, \"previousSigningSecrets\": [\"" + old + "\"]");
        assertThat(current).isNotEqualTo(old);
        String eventId = put("rotated");

        Received delivery = next(eventId);

        assertThat(delivery.headers().get("Webhook-signature").get(0).split(" ")).hasSize(2);
        assertThatCode(() -> new WebhookVerifier(current).verify(delivery.body(), delivery.headers()))
                .doesNotThrowAnyException();
        assertThatCode(() -> new WebhookVerifier(old).verify(delivery.body(), delivery.headers()))
                .doesNotThrowAnyException();
    }

    /** Creates or replaces the rule; the signing secret its answer shows (once). */
    private static String putRule(String signing) {
        String answer = server.admin("PUT", "/v1/buses/sdk-webhooks/rules/to-receiver", """
                {"eventPattern": {"source": ["sdk.webhooks"]},
                 "targets": [{"id": "receiver", "type": "webhook",
                              "webhook": {"url": "http://127.0.0.1:%d/hook", %s}}]}"""
                .formatted(receiver.getAddress().getPort(), signing));
        JsonNode webhook = Json.read("answer", answer).path("targets").get(0).path("webhook");
        assertThat(webhook.path("signingSecret").asText()).startsWith("whsec_");
        return webhook.path("signingSecret").asText();
    }

    private static String put(String text) {
        PutEventsResult result = producer.putEvents("sdk-webhooks", List.of(Event.builder().source("sdk.webhooks")
                .detailType("Test").detail(Map.of("text", text)).build()));
        assertThat(result.failedEntryCount()).isZero();
        return result.entries().get(0).eventId();
    }

    /** The delivery of event {@code eventId}; earlier tests' deliveries are skipped. */
    private static Received next(String eventId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Received r = REQUESTS.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (r != null && Json.read("delivery", r.body()).path("id").asText().equals(eventId)) {
                return r;
            }
        }
        throw new AssertionError("no delivery of event " + eventId + " within 30 s");
    }
}
