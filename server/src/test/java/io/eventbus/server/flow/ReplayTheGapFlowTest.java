package io.eventbus.server.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.eventbus.server.support.ApiCalls;
import io.eventbus.server.support.WithLocalReceivers;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What archives and replays are for: a bus is archived, its webhook receiver breaks for a while (it refuses every
 * event, so they are dead-lettered), it is fixed, and the gap is replayed through its rule. The receiver ends with
 * every event of the gap, each marked with the replay's name, and the events before and after the gap only once.
 */
@MicronautTest
class ReplayTheGapFlowTest implements WithLocalReceivers {

    private static final ObjectMapper JSON = new ObjectMapper();

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
    void aReceiverThatWasBrokenForAWhileGetsTheGapByAReplay() throws Exception {
        AtomicBoolean broken = new AtomicBoolean();
        Map<String, String> accepted = new ConcurrentHashMap<>(); // event id -> replay name ("" when live)
        AtomicInteger acceptedAgain = new AtomicInteger();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            JsonNode event = JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            boolean refuse = broken.get();
            if (!refuse && accepted.put(event.path("id").asText(), event.path("replay-name").asText()) != null) {
                acceptedAgain.incrementAndGet();
            }
            exchange.sendResponseHeaders(refuse ? 400 : 200, -1);
            exchange.close();
        });
        receiver.start();
        ApiCalls api = new ApiCalls(server.getURL());
        api.call("POST", "/v1/queues", ADMIN_TOKEN, "{\"name\": \"dlq\"}", 201);
        api.call("PUT", "/v1/buses/default/rules/orders", ADMIN_TOKEN, """
                {"eventPattern": {"source": ["shop"]}, "targets": [{"id": "hook", "type": "webhook",
                 "webhook": {"url": "http://127.0.0.1:%d/hook"}, "deadLetterQueue": "dlq"}]}"""
                .formatted(receiver.getAddress().getPort()), 201);
        api.call("POST", "/v1/archives", ADMIN_TOKEN, "{\"name\": \"orders\", \"bus\": \"default\"}", 201);

        List<String> before = put(api, 5);
        await().atMost(Duration.ofSeconds(15)).until(() -> accepted.keySet().containsAll(before));
        broken.set(true);
        Instant gapStart = Instant.now(); // events without a time of their own get their ingestion time, to the µs
        List<String> gap = put(api, 20);
        await().atMost(Duration.ofSeconds(15)).until(() ->
                api.call("GET", "/v1/queues/dlq", ADMIN_TOKEN, null, 200).path("depth").path("visible").asInt() == 20);
        broken.set(false);
        Instant gapEnd = Instant.now();
        List<String> after = put(api, 5);
        await().atMost(Duration.ofSeconds(15)).until(() -> accepted.keySet().containsAll(after));

        api.call("POST", "/v1/replays", ADMIN_TOKEN, """
                {"name": "the-gap", "archive": "orders", "eventStartTime": "%s", "eventEndTime": "%s",
                 "rules": ["orders"]}""".formatted(gapStart, gapEnd), 201);

        await().atMost(Duration.ofSeconds(20)).until(() ->
                "COMPLETED".equals(api.call("GET", "/v1/replays/the-gap", ADMIN_TOKEN, null, 200).path("state").asText()));
        await().atMost(Duration.ofSeconds(15)).until(() -> accepted.keySet().containsAll(gap));
        assertThat(accepted).hasSize(30);
        assertThat(acceptedAgain).as("no event accepted twice").hasValue(0);
        gap.forEach(id -> assertThat(accepted).containsEntry(id, "the-gap"));
        before.forEach(id -> assertThat(accepted).containsEntry(id, ""));
        after.forEach(id -> assertThat(accepted).containsEntry(id, ""));
        JsonNode replay = api.call("GET", "/v1/replays/the-gap", ADMIN_TOKEN, null, 200);
        assertThat(replay.path("eventsTotal").asInt()).isEqualTo(20);
        assertThat(replay.path("deliveries").asInt()).isEqualTo(20);
        assertThat(api.call("GET", "/v1/events?replay=the-gap", ADMIN_TOKEN, null, 200).path("events").size())
                .as("the explorer shows the replayed events").isEqualTo(20);
    }

    private static List<String> put(ApiCalls api, int n) throws Exception {
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < n; i++) {
            entries.append(i == 0 ? "" : ",").append("{\"source\": \"shop\", \"detailType\": \"Order\", \"detail\": {}}");
        }
        JsonNode put = api.call("POST", "/v1/buses/default/events", ADMIN_TOKEN, "{\"entries\": [" + entries + "]}", 200);
        assertThat(put.path("failedEntryCount").asInt()).isZero();
        return put.path("entries").findValuesAsText("eventId");
    }
}
