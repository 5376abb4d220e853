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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /v1/deliveries/{id}:retry}: a dead-lettered delivery is attempted again as the same delivery (same
 * webhook-id, next attempt number) and delivered once the receiver is fixed; what cannot be retried is refused with
 * a problem that says why; the retry is audited.
 */
@MicronautTest
class RetryDeliveryFlowTest implements WithLocalReceivers {

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
    void aDeadLetteredDeliveryRetriedIsDeliveredAsTheSameDelivery() throws Exception {
        AtomicInteger answer = new AtomicInteger(400); // refused for good: dead-lettered at the first attempt
        List<String> webhookIds = new CopyOnWriteArrayList<>();
        List<String> bodies = new CopyOnWriteArrayList<>();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            webhookIds.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            bodies.add(new String(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(answer.get(), -1);
            exchange.close();
        });
        receiver.start();
        call("PUT", "/v1/buses/default/rules/retried", """
                {"eventPattern": {"source": ["shop"]}, "targets": [{"id": "hook", "type": "webhook",
                 "webhook": {"url": "http://127.0.0.1:%d/hook"}}]}""".formatted(receiver.getAddress().getPort()), 201);
        String key = call("POST", "/v1/api-keys", "{\"name\": \"k\", \"buses\": [\"default\"]}", 201)
                .path("secret").asText();
        String eventId = call("POST", "/v1/buses/default/events", key, "{\"entries\": [{\"source\": \"shop\","
                + " \"detailType\": \"t\", \"detail\": {\"n\": 1}}]}", 200).path("entries").get(0).path("eventId").asText();

        await().atMost(Duration.ofSeconds(15)).until(() -> delivery(eventId).path("state").asText().equals("DEAD_LETTERED"));
        String deliveryId = delivery(eventId).path("id").asText();
        assertThat(webhookIds).hasSize(1);

        answer.set(200); // the receiver is fixed
        JsonNode retried = call("POST", "/v1/deliveries/" + deliveryId + ":retry", null, 202);
        assertThat(retried.path("state").asText()).isEqualTo("AVAILABLE");
        assertThat(retried.path("previousState").asText()).isEqualTo("DEAD_LETTERED");
        assertThat(retried.path("attempts").asInt()).isEqualTo(1);
        assertThat(retried.path("eventId").asText()).isEqualTo(eventId);
        assertThat(retried.path("rule").asText()).isEqualTo("retried");
        assertThat(retried.path("target").asText()).isEqualTo("hook");
        assertThat(retried.path("bus").asText()).isEqualTo("default");

        await().atMost(Duration.ofSeconds(15)).until(() -> delivery(eventId).path("state").asText().equals("DELIVERED"));
        JsonNode delivered = delivery(eventId);
        assertThat(delivered.path("id").asText()).isEqualTo(deliveryId);
        assertThat(delivered.path("attempts").asInt()).isEqualTo(2);
        assertThat(delivered.path("attemptLog")).hasSize(2);
        assertThat(call("GET", "/v1/events/" + eventId, null, 200).path("deliveries")).hasSize(1);
        assertThat(webhookIds).containsExactly(deliveryId, deliveryId);
        assertThat(bodies.get(1)).isEqualTo(bodies.get(0));

        JsonNode refused = call("POST", "/v1/deliveries/" + deliveryId + ":retry", null, 409);
        assertThat(refused.path("detail").asText()).contains("DELIVERED").contains("only a RETRYABLE or DEAD_LETTERED");
        JsonNode audit = call("GET", "/v1/audit-log", null, 200);
        assertThat(audit.toString()).contains("delivery.retry").contains("deliveries/" + deliveryId)
                .contains("DEAD_LETTERED");
    }

    @Test
    void everyDeadLetterOfABusIsRetriedAtTheRateAskedAfterAPreview() throws Exception {
        AtomicInteger answer = new AtomicInteger(400);
        List<String> webhookIds = new CopyOnWriteArrayList<>();
        List<String> events = deadLetters("bulk", 5, answer, webhookIds);

        JsonNode preview = call("POST", "/v1/deliveries:retry", "{\"bus\": \"bulk\", \"target\": \"hook\","
                + " \"dryRun\": true}", 200);
        assertThat(preview.path("matched").asLong()).isEqualTo(5);
        assertThat(preview.path("retried").asLong()).isZero();
        assertThat(states(events)).containsExactly("DEAD_LETTERED");

        answer.set(200);
        long before = System.currentTimeMillis();
        JsonNode bulk = call("POST", "/v1/deliveries:retry", "{\"bus\": \"bulk\", \"rule\": \"hooked\","
                + " \"states\": [\"DEAD_LETTERED\"], \"ratePerSecond\": 10}", 200);
        assertThat(bulk.path("matched").asLong()).isEqualTo(5);
        assertThat(bulk.path("retried").asLong()).isEqualTo(5);
        assertThat(bulk.path("remaining").asLong()).isZero();
        long lastDue = java.time.Instant.parse(bulk.path("lastDueAt").asText()).toEpochMilli();
        assertThat(lastDue - before).as("the 5th of 5 at 10/s is due 0.4 s on").isBetween(300L, 2_000L);

        await().atMost(Duration.ofSeconds(15)).until(() -> states(events).equals(List.of("DELIVERED")));
        JsonNode progress = call("GET", "/v1/bulk-retries/" + bulk.path("id").asText(), null, 200);
        assertThat(progress.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(progress.path("total").asLong()).isEqualTo(5);
        assertThat(progress.path("delivered").asLong()).isEqualTo(5);
        assertThat(progress.path("bus").asText()).isEqualTo("bulk");
        assertThat(progress.path("filter").path("rule").asText()).isEqualTo("hooked");
        assertThat(call("GET", "/v1/bulk-retries?bus=bulk", null, 200).path("bulkRetries").findValuesAsText("id"))
                .containsExactly(bulk.path("id").asText());
        assertThat(call("POST", "/v1/bulk-retries/" + bulk.path("id").asText() + ":cancel", null, 409)
                .path("detail").asText()).contains("nothing is left to cancel");
        assertThat(webhookIds).hasSize(10);
        assertThat(new java.util.HashSet<>(webhookIds)).as("each delivery twice, under its own id").hasSize(5);
        assertThat(call("POST", "/v1/deliveries:retry", "{\"bus\": \"bulk\"}", 200).path("matched").asLong()).isZero();
        assertThat(call("GET", "/v1/audit-log", null, 200).toString()).contains("delivery.bulk-retry");
    }

    @Test
    void aCancelledBulkRetryPutsBackWhatItHadNotAttempted() throws Exception {
        AtomicInteger answer = new AtomicInteger(400);
        List<String> webhookIds = new CopyOnWriteArrayList<>();
        List<String> events = deadLetters("slow", 6, answer, webhookIds);
        webhookIds.clear();
        answer.set(200);

        String id = call("POST", "/v1/deliveries:retry", "{\"bus\": \"slow\", \"ratePerSecond\": 1}", 200)
                .path("id").asText();
        JsonNode running = call("GET", "/v1/bulk-retries/" + id, null, 200);
        assertThat(running.path("state").asText()).isEqualTo("RUNNING");
        assertThat(running.path("total").asLong()).isEqualTo(6);
        assertThat(running.path("waiting").asLong()).as("at 1/s, 6 take 5 s").isPositive();

        JsonNode cancelled = call("POST", "/v1/bulk-retries/" + id + ":cancel", null, 200);
        assertThat(cancelled.path("state").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("cancelled").asLong()).as("those not yet due are put back").isBetween(3L, 6L);
        await().atMost(Duration.ofSeconds(10)).until(() -> call("GET", "/v1/bulk-retries/" + id, null, 200)
                .path("waiting").asLong() == 0);
        JsonNode done = call("GET", "/v1/bulk-retries/" + id, null, 200);
        assertThat(done.path("delivered").asLong() + done.path("cancelled").asLong()).isEqualTo(6);
        assertThat(call("POST", "/v1/bulk-retries/" + id + ":cancel", null, 200).path("cancelled").asLong())
                .as("cancelling again answers the same").isEqualTo(done.path("cancelled").asLong());
        Thread.sleep(1_500); // past when the put-back deliveries would have been due
        long dead = 0;
        for (String event : events) {
            dead += call("GET", "/v1/events/" + event, null, 200).path("deliveries").get(0).path("state").asText()
                    .equals("DEAD_LETTERED") ? 1 : 0;
        }
        assertThat(dead).as("the put-back deliveries are dead letters again, not attempted")
                .isEqualTo(done.path("cancelled").asLong());
        assertThat(webhookIds).hasSize((int) done.path("delivered").asLong());
        assertThat(call("GET", "/v1/audit-log", null, 200).toString()).contains("delivery.bulk-retry.cancel");
    }

    @Test
    void aBulkRetryWithABadFilterIsRefusedNamingTheField() throws Exception {
        assertThat(call("POST", "/v1/deliveries:retry", "{\"bus\": \"default\", \"states\": [\"RETRYABLE\","
                + " \"DELIVERED\"]}", 400).toString()).contains("states[1]");
        assertThat(call("POST", "/v1/deliveries:retry", "{\"bus\": \"default\", \"ratePerSecond\": 0}", 400)
                .toString()).contains("ratePerSecond");
        assertThat(call("POST", "/v1/deliveries:retry", "{\"bus\": \"default\", \"from\": \"yesterday\"}", 400)
                .toString()).contains("RFC 3339");
        assertThat(call("POST", "/v1/deliveries:retry", "{\"bus\": \"nope\"}", 404).path("detail").asText())
                .contains("bus 'nope' does not exist");
    }

    /**
     * A bus {@code bus} whose rule {@code hooked} sends source {@code shop} to a local receiver that answers
     * {@code answer} and notes each webhook-id; {@code count} events put, waited for until dead-lettered (the receiver
     * answers 400 until told otherwise). Returns the event ids.
     */
    private List<String> deadLetters(String bus, int count, AtomicInteger answer, List<String> webhookIds)
            throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            webhookIds.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(answer.get(), -1);
            exchange.close();
        });
        receiver.start();
        call("POST", "/v1/buses", "{\"name\": \"" + bus + "\"}", 201);
        call("PUT", "/v1/buses/" + bus + "/rules/hooked", """
                {"eventPattern": {"source": ["shop"]}, "targets": [{"id": "hook", "type": "webhook",
                 "webhook": {"url": "http://127.0.0.1:%d/hook"}}]}""".formatted(receiver.getAddress().getPort()), 201);
        String key = call("POST", "/v1/api-keys", "{\"name\": \"" + bus + "\", \"buses\": [\"" + bus + "\"]}", 201)
                .path("secret").asText();
        List<String> events = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(call("POST", "/v1/buses/" + bus + "/events", key, "{\"entries\": [{\"source\": \"shop\","
                    + " \"detailType\": \"t\", \"detail\": {\"n\": " + i + "}}]}", 200)
                    .path("entries").get(0).path("eventId").asText());
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> states(events).equals(List.of("DEAD_LETTERED")));
        return events;
    }

    /** The states of the events' deliveries, each once. */
    private List<String> states(List<String> events) throws Exception {
        java.util.Set<String> states = new java.util.TreeSet<>();
        for (String id : events) {
            call("GET", "/v1/events/" + id, null, 200).path("deliveries").forEach(d -> states.add(d.path("state").asText()));
        }
        return List.copyOf(states);
    }

    @Test
    void aDeliveryThatDoesNotExistOrABadIdIsRefused() throws Exception {
        JsonNode missing = call("POST", "/v1/deliveries/" + UUID.randomUUID() + ":retry", null, 404);
        assertThat(missing.path("detail").asText()).contains("does not exist");
        call("POST", "/v1/deliveries/not-a-uuid:retry", null, 400);
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL()
                + "/v1/deliveries/" + UUID.randomUUID() + ":retry")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
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
