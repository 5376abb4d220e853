package io.eventbus.data.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.eventbus.core.testing.TestDatabase;
import io.eventbus.core.testing.WithTestDatabase;
import io.eventbus.data.ingest.AcceptEvents;
import io.eventbus.data.ingest.Entry;
import io.eventbus.data.ingest.ParsedEntry;
import io.eventbus.data.match.MatchRules;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A delivery that fails for good is received from the dead-letter queue with EventBridge's attributes. */
@MicronautTest
class QueueDeadLetterTest implements WithTestDatabase {

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith(
                "eventbus.delivery.allow-private-networks", "true",
                "eventbus.delivery.idle-poll", "100ms");
    }

    @Inject
    EmbeddedServer server;

    @Inject
    AcceptEvents accept;

    @Inject
    MatchRules match;

    private final TestDatabase db = TestDatabase.get();
    private HttpServer receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
        });
        receiver.start();
        db.execute("INSERT INTO queue (name) VALUES ('dlq')");
        db.execute("UPDATE bus SET dead_letter_queue_id = (SELECT id FROM queue WHERE name = 'dlq') WHERE name = 'default'");
        db.execute("INSERT INTO rule (bus_id, name, event_pattern) SELECT id, 'orders', '{\"source\": [\"shop\"]}'"
                + " FROM bus WHERE name = 'default'");
        db.execute("""
                INSERT INTO target (rule_id, target_id, position, type, config)
                SELECT r.id, 'hook', 0, 'webhook', CAST(? AS jsonb) FROM rule r WHERE r.name = 'orders'
                """, "{\"url\": \"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\", \"method\": \"POST\"}");
        match.refresh("default");
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    @Test
    void receivesADeadLetterWithItsReason() throws Exception {
        String eventId = accept.accept("default", List.of(ParsedEntry.ok(new Entry("shop", "Order Placed",
                "{\"total\":1}", List.of(), null, null)))).get().entries().get(0).eventId().toString();
        QueueApi api = new QueueApi(URI.create(server.getURL().toString()),
                QueueApi.createKey("dlq-reader", new String[]{}, new String[]{"dlq"}));

        JsonNode message = api.messages("dlq", "{\"waitTimeSeconds\": 10}").get(0);

        assertThat(QueueApi.JSON.readTree(message.path("body").asText()).path("id").asText()).isEqualTo(eventId);
        JsonNode attributes = message.path("attributes");
        assertThat(attributes.path("ERROR_CODE").asText()).isEqualTo("HTTP_400");
        assertThat(attributes.path("ERROR_MESSAGE").asText()).isNotBlank();
        assertThat(attributes.path("RETRY_ATTEMPTS").asText()).isEqualTo("0");
        assertThat(attributes.path("RULE").asText()).isEqualTo("default/orders");
        assertThat(attributes.path("TARGET").asText()).isEqualTo("hook");
        assertThat(message.path("receiveCount").asInt()).isEqualTo(1);
        assertThat(api.delete("dlq", message.path("receiptHandle").asText()).status()).isEqualTo(204);
        assertThat(db.strings("SELECT count(*) FROM queue_message")).containsExactly("0");
    }
}
