package io.eventbus.server.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replay survives a real crash: the process running it is killed ({@code kill -9}) midway; after a restart the
 * replay's lease expires, the new process resumes it after the last page the dead one stored, and it completes
 * with every event of its window replayed, none skipped, and exactly one delivery per event and target stored.
 */
class ReplayAfterCrashIT {

    private static final String TOKEN = "an-admin-token-for-the-replay-crash-test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int EVENTS = 2_000;

    @TempDir
    Path work;

    /** Arrivals per event id, of replayed events only. */
    private final Map<String, Integer> replayed = new ConcurrentHashMap<>();
    private HttpServer receiver;

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void aReplayKilledMidwayResumesAndCompletesWithoutSkippingAnEvent() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.createContext("/hook", exchange -> {
            JsonNode event = JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (event.has("replay-name")) {
                replayed.merge(event.get("id").asText(), 1, Integer::sum);
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        Map<String, String> env = Map.of(
                "EVENTBUS_HOME", work.resolve("home").toString(),
                "EVENTBUS_ADMIN_TOKEN", TOKEN,
                "EVENTBUS_DELIVERY_ALLOW_PRIVATE_NETWORKS", "true",
                "EVENTBUS_DELIVERY_LEASE", "3s",
                "EVENTBUS_REPLAY_LEASE", "3s",
                "EVENTBUS_REPLAY_PAGE_SIZE", "50");
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        Set<String> ids = new HashSet<>();

        try (EventbusProcess first = EventbusProcess.start(work, env)) {
            first.awaitHealthy();
            admin(first, "PUT", "/v1/buses/default/rules/all", """
                    {"eventPattern": {"source": ["crash.test"]},
                     "targets": [{"id": "hook", "type": "webhook",
                                  "webhook": {"url": "http://127.0.0.1:%d/hook", "timeoutMillis": 10000}}]}
                    """.formatted(receiver.getAddress().getPort()));
            admin(first, "POST", "/v1/archives", "{\"name\": \"everything\", \"bus\": \"default\"}");
            for (int from = 0; from < EVENTS; from += 100) {
                StringBuilder entries = new StringBuilder();
                for (int i = from; i < from + 100; i++) {
                    entries.append(i == from ? "" : ",").append("{\"source\": \"crash.test\", \"detailType\": \"t\","
                            + " \"detail\": {\"seq\": ").append(i).append("}, \"time\": \"")
                            .append(start.plusSeconds(i)).append("\"}");
                }
                JsonNode put = admin(first, "POST", "/v1/buses/default/events", "{\"entries\": [" + entries + "]}");
                assertThat(put.get("failedEntryCount").asInt()).isZero();
                put.get("entries").forEach(e -> ids.add(e.get("eventId").asText()));
            }
            admin(first, "POST", "/v1/replays", """
                    {"name": "after-the-outage", "archive": "everything", "eventStartTime": "%s",
                     "eventEndTime": "%s", "rateLimitPerSecond": 200}
                    """.formatted(start, start.plusSeconds(EVENTS)));

            await().atMost(Duration.ofSeconds(30)).until(() -> replayed.size() >= 300);
            first.kill();
        }
        int beforeRestart = replayed.size();
        assertThat(beforeRestart).as("killed midway").isLessThan(EVENTS);

        try (EventbusProcess second = EventbusProcess.start(work, env)) {
            second.awaitHealthy();
            await().atMost(Duration.ofSeconds(90)).until(() ->
                    "COMPLETED".equals(admin(second, "GET", "/v1/replays/after-the-outage", null).get("state").asText()));
            JsonNode replay = admin(second, "GET", "/v1/replays/after-the-outage", null);
            assertThat(replay.get("eventsTotal").asLong()).isEqualTo(EVENTS);
            assertThat(replay.get("eventsReplayed").asLong()).as("no page stored twice").isEqualTo(EVENTS);
            assertThat(replay.get("deliveries").asLong()).as("one delivery per event and target").isEqualTo(EVENTS);
            await().atMost(Duration.ofSeconds(60)).until(() -> replayed.size() == EVENTS);
            assertThat(replayed.keySet()).as("every event of the window, none skipped").isEqualTo(ids);
            long again = replayed.values().stream().filter(n -> n > 1).count();
            assertThat(again).as("only the pages under way at the kill are sent again").isLessThanOrEqualTo(256);
            second.terminate();
        }
    }

    private static JsonNode admin(EventbusProcess process, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(process.url(path).toString()))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }
}
