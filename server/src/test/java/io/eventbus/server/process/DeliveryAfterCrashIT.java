package io.eventbus.server.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The promise behind an acknowledged event, with a real crash: the process is killed ({@code kill -9}) while a
 * webhook attempt is under way; after a restart the lease of that attempt expires, another attempt claims the
 * delivery, and the receiver gets the event again with the same {@code webhook-id}.
 */
class DeliveryAfterCrashIT {

    private static final String TOKEN = "an-admin-token-for-the-crash-test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path work;

    private final List<String> webhookIds = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer receiver;

    @AfterEach
    void stopReceiver() {
        release.countDown();
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void aDeliveryInterruptedByACrashIsDeliveredAfterTheLeaseExpires() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            webhookIds.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            if (webhookIds.size() == 1) {
                awaitRelease(); // the first attempt hangs until the process that made it is dead
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        Map<String, String> env = Map.of(
                "EVENTBUS_HOME", work.resolve("home").toString(),
                "EVENTBUS_ADMIN_TOKEN", TOKEN,
                "EVENTBUS_DELIVERY_ALLOW_PRIVATE_NETWORKS", "true",
                "EVENTBUS_DELIVERY_LEASE", "3s");

        String eventId;
        try (EventbusProcess first = EventbusProcess.start(work, env)) {
            first.awaitHealthy();
            admin(first, "PUT", "/v1/buses/default/rules/all", """
                    {"eventPattern": {"source": ["crash.test"]},
                     "targets": [{"id": "hook", "type": "webhook",
                                  "webhook": {"url": "http://127.0.0.1:%d/hook", "timeoutMillis": 60000}}]}
                    """.formatted(receiver.getAddress().getPort()));
            String key = admin(first, "POST", "/v1/api-keys", "{\"name\": \"crash\", \"buses\": [\"default\"]}")
                    .get("secret").asText();
            JsonNode put = call(first, "POST", "/v1/buses/default/events", "Bearer " + key,
                    "{\"entries\": [{\"source\": \"crash.test\", \"detailType\": \"t\", \"detail\": {}}]}");
            eventId = put.get("entries").get(0).get("eventId").asText();

            await().atMost(Duration.ofSeconds(20)).until(() -> webhookIds.size() == 1);
            first.kill();
        }

        try (EventbusProcess second = EventbusProcess.start(work, env)) {
            second.awaitHealthy();
            await().atMost(Duration.ofSeconds(60)).until(() -> webhookIds.size() >= 2);
            assertThat(webhookIds.get(1)).as("the same webhook-id on the attempt after the crash")
                    .isEqualTo(webhookIds.get(0));
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    "DELIVERED".equals(delivery(second, eventId).path("state").asText()));
            JsonNode delivery = delivery(second, eventId);
            assertThat(delivery.get("attempts").asInt()).as("the crashed attempt counts").isEqualTo(2);
            second.terminate();
        }
        assertThat(webhookIds).hasSize(2);
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode delivery(EventbusProcess process, String eventId) throws Exception {
        return admin(process, "GET", "/v1/events/" + eventId, null).get("deliveries").get(0);
    }

    private static JsonNode admin(EventbusProcess process, String method, String path, String body) throws Exception {
        return call(process, method, path, "Bearer " + TOKEN, body);
    }

    private static JsonNode call(EventbusProcess process, String method, String path, String authorization,
                                 String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(process.url(path).toString()))
                .timeout(Duration.ofSeconds(10)).header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }
}
