package io.eventbus.data.deliver.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.testing.TestDatabase;
import io.eventbus.core.testing.WithTestDatabase;
import io.eventbus.data.ingest.AcceptEvents;
import io.eventbus.data.ingest.Entry;
import io.eventbus.data.ingest.ParsedEntry;
import io.eventbus.data.match.MatchRules;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bus target puts the event on another bus, whose rules then deliver it; rules that forward in a circle end in
 * the dead-letter queue after {@code max-bus-hops} forwards; a target bus that is gone is a permanent failure.
 */
@MicronautTest
class BusTargetTest implements WithTestDatabase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AcceptEvents accept;

    @Inject
    MatchRules match;

    private final TestDatabase db = TestDatabase.get();

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith("eventbus.delivery.idle-poll", "100ms", "eventbus.delivery.max-bus-hops", "2");
    }

    @BeforeEach
    void buses() {
        db.execute("INSERT INTO queue (name) VALUES ('dlq'), ('inbox')");
        db.execute("INSERT INTO bus (name) VALUES ('other')");
        db.execute("UPDATE bus SET dead_letter_queue_id = (SELECT id FROM queue WHERE name = 'dlq')");
        rule("default", "forward", "{\"source\": [\"shop\"]}", "to-other", "bus", "{\"name\": \"other\"}");
        rule("other", "collect", "{\"source\": [\"shop\"]}", "inbox", "queue", "{\"name\": \"inbox\"}");
    }

    @Test
    void theEventIsPutOnTheOtherBusWhoseRulesDeliverIt() throws Exception {
        Instant time = Instant.parse("2026-12-01T10:00:00Z");
        String id = put(new Entry("shop", "Order Placed", "{\"total\": 12, \"items\": [1, 2]}", List.of("arn:x"), time,
                null));

        await().atMost(Duration.ofSeconds(10)).until(() -> inbox().size() == 1);
        JsonNode forwarded = JSON.readTree(inbox().get(0));
        assertThat(forwarded.path("id").asText()).as("a new event").isNotEqualTo(id);
        assertThat(forwarded.path("source").asText()).isEqualTo("shop");
        assertThat(forwarded.path("detail-type").asText()).isEqualTo("Order Placed");
        assertThat(forwarded.path("detail")).isEqualTo(JSON.readTree("{\"total\": 12, \"items\": [1, 2]}"));
        assertThat(forwarded.path("resources").get(0).asText()).isEqualTo("arn:x");
        assertThat(forwarded.path("time").asText()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(forwarded.path("hop-count").asInt()).isEqualTo(1);
        assertThat(db.strings("SELECT state FROM delivery WHERE target_id = 'to-other'")).containsExactly("DELIVERED");
        assertThat(db.strings("SELECT a.response FROM delivery_attempt a JOIN delivery d ON d.id = a.delivery_id"
                + " WHERE d.target_id = 'to-other'")).singleElement().asString()
                .contains("\"bus\":\"other\"", forwarded.path("id").asText());
    }

    @Test
    void rulesThatForwardInACircleEndInTheDeadLetterQueue() throws Exception {
        rule("other", "back", "{\"source\": [\"shop\"]}", "to-default", "bus", "{\"name\": \"default\"}");

        put(new Entry("shop", "Order Placed", "{}", List.of(), null, null));

        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters().size() == 1);
        JsonNode attributes = JSON.readTree(db.strings("SELECT attributes::text FROM queue_message m JOIN queue q"
                + " ON q.id = m.queue_id WHERE q.name = 'dlq'").get(0));
        assertThat(attributes.path("ERROR_CODE").asText()).isEqualTo("LOOP_DETECTED");
        assertThat(attributes.path("ERROR_MESSAGE").asText()).contains("forwarded 2 times", "EVENTBUS_DELIVERY_MAX_BUS_HOPS");
        assertThat(JSON.readTree(deadLetters().get(0)).path("hop-count").asInt()).isEqualTo(2);
        assertThat(db.strings("SELECT count(*) FROM event")).as("the original and two forwards").containsExactly("3");
    }

    @Test
    void aTargetBusThatIsGoneIsAPermanentFailure() throws Exception {
        db.execute("DELETE FROM rule WHERE name = 'collect'");
        db.execute("DELETE FROM bus WHERE name = 'other'");
        match.refresh("other");

        put(new Entry("shop", "Order Placed", "{}", List.of(), null, null));

        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters().size() == 1);
        assertThat(db.strings("SELECT last_error FROM delivery WHERE target_id = 'to-other'")).singleElement().asString()
                .isEqualTo("BUS_NOT_FOUND: bus 'other' does not exist");
    }

    private void rule(String bus, String name, String pattern, String target, String type, String config) {
        db.execute("INSERT INTO rule (bus_id, name, event_pattern) SELECT id, ?, CAST(? AS jsonb) FROM bus WHERE name = ?",
                name, pattern, bus);
        db.execute("""
                INSERT INTO target (rule_id, target_id, position, type, config)
                SELECT r.id, ?, 0, ?, CAST(? AS jsonb) FROM rule r JOIN bus b ON b.id = r.bus_id
                WHERE r.name = ? AND b.name = ?
                """, target, type, config, name, bus);
        match.refresh(bus);
    }

    private String put(Entry entry) throws Exception {
        return accept.accept("default", List.of(ParsedEntry.ok(entry))).get().entries().get(0).eventId().toString();
    }

    private List<String> inbox() {
        return db.strings("SELECT body FROM queue_message m JOIN queue q ON q.id = m.queue_id WHERE q.name = 'inbox'");
    }

    private List<String> deadLetters() {
        return db.strings("SELECT body FROM queue_message m JOIN queue q ON q.id = m.queue_id WHERE q.name = 'dlq'");
    }
}
