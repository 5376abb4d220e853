package io.eventbus.data.queue;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.core.testing.TestDatabase;
import io.eventbus.core.testing.WithTestDatabase;
import io.eventbus.data.ingest.AcceptEvents;
import io.eventbus.data.ingest.Entry;
import io.eventbus.data.ingest.ParsedEntry;
import io.eventbus.data.match.MatchRules;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A delivery to a queue target wakes the receives waiting on that queue when its outcome commits, not at the next
 * probe: here the probe runs once a minute, and the receive waits 10 s.
 */
@MicronautTest
class QueueTargetWakesReceivesTest implements WithTestDatabase {

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith("eventbus.queue.poll-interval", "60s");
    }

    @Inject
    EmbeddedServer server;

    @Inject
    AcceptEvents accept;

    @Inject
    MatchRules match;

    @Inject
    ReceiveMessages receives;

    private final TestDatabase db = TestDatabase.get();

    @Test
    void aDeliveryToAQueueTargetAnswersAWaitingReceive() throws Exception {
        db.execute("INSERT INTO queue (name) VALUES ('audit')");
        db.execute("INSERT INTO rule (bus_id, name, event_pattern) SELECT id, 'all', '{\"source\": [\"shop\"]}'"
                + " FROM bus WHERE name = 'default'");
        db.execute("""
                INSERT INTO target (rule_id, target_id, position, type, config)
                SELECT r.id, 'audit', 0, 'queue', '{"name": "audit"}' FROM rule r WHERE r.name = 'all'
                """);
        match.refresh("default");
        QueueApi api = new QueueApi(URI.create(server.getURL().toString()),
                QueueApi.createKey("auditor", new String[]{}, new String[]{"audit"}));
        CompletableFuture<List<JsonNode>> received = CompletableFuture.supplyAsync(
                () -> api.messages("audit", "{\"waitTimeSeconds\": 10}"));
        await().atMost(Duration.ofSeconds(5)).until(() -> receives.waiting() == 1);

        String eventId = accept.accept("default", List.of(ParsedEntry.ok(new Entry("shop", "Order Placed",
                "{\"total\":1}", List.of(), null, null)))).get().entries().get(0).eventId().toString();

        List<JsonNode> messages = received.get();
        assertThat(messages).as("answered by the delivery, not at the end of the wait").hasSize(1);
        assertThat(QueueApi.JSON.readTree(messages.get(0).path("body").asText()).path("id").asText())
                .isEqualTo(eventId);
    }
}
