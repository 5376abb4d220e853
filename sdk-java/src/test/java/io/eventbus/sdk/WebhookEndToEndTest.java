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
    /**
     * A bus per test, each with one rule made once: a rule replaced on a bus reaches the data plane a moment after
     * the answer, and an event put in that moment would be signed as the old rule said.
     */
    static final String ONE = "sdk-webhooks-one";
    static final String ROTATION = "sdk-webhooks-rotation";

    @BeforeAll
    static void aBusAndAReceiver() throws IOException {
        server = RunningEventbus.get();
        server.admin("POST", "/v1/buses", "{\"name\": \"" + ONE + "\"}");
        server.admin("POST", "/v1/buses", "{\"name\": \"" + ROTATION + "\"}");
        producer = server.withNewApiKey("sdk-webhooks-producer", "[\"" + ONE + "\", \"" + ROTATION + "\"]", "[]");
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
        String secret = putRule(ONE, "\"generateSigningSecret\": true");
        String eventId = put(ONE, "first");

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
        String old = WebhookVerifierTest.OTHER_SECRET;
        String current = putRule(ROTATION, "\"generateSigningSecret\": true, \"previousSigningSecrets\": [\"" + old + "\"]");
        assertThat(current).isNotEqualTo(old);
        String eventId = put(ROTATION, "rotated");

        Received delivery = next(eventId);

        assertThat(delivery.headers().get("Webhook-signature").get(0).split(" ")).hasSize(2);
        assertThatCode(() -> new WebhookVerifier(current).verify(delivery.body(), delivery.headers()))
                .doesNotThrowAnyException();
        assertThatCode(() -> new WebhookVerifier(old).verify(delivery.body(), delivery.headers()))
                .doesNotThrowAnyException();
    }

    /** Creates the bus' rule and waits until the data plane uses it; the signing secret its answer shows (once). */
    private static String putRule(String bus, String signing) {
        String answer = server.admin("PUT", "/v1/buses/" + bus + "/rules/to-receiver", """
                {"eventPattern": {"source": ["sdk.webhooks"]},
                 "targets": [{"id": "receiver", "type": "webhook",
                              "webhook": {"url": "http://127.0.0.1:%d/hook", %s}}]}"""
                .formatted(receiver.getAddress().getPort(), signing));
        MatchingRules.await(server, bus, 1);
        JsonNode webhook = Json.read("answer", answer).path("targets").get(0).path("webhook");
        assertThat(webhook.path("signingSecret").asText()).startsWith("whsec_");
        return webhook.path("signingSecret").asText();
    }

    private static String put(String bus, String text) {
        PutEventsResult result = producer.putEvents(bus, List.of(Event.builder().source("sdk.webhooks")
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
