package io.eventbus.data.deliver.kafka;

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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Kafka target produces the event to its topic on a real broker (in this JVM): delivered once the broker
 * acknowledges the record, which carries the body, the key at the target's keyPath and the eventbus headers; a
 * broker that is down is retried until it is back; a topic that does not exist (the broker does not create topics on
 * first use) is dead-lettered as {@code TOPIC_NOT_FOUND}. The producer's waits are shortened (2 s for metadata, 3 s
 * for an acknowledgement) so that a failed attempt takes seconds, not the default's 5 to 15.
 */
@MicronautTest
class KafkaTargetTest implements WithTestDatabase {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The producer's metadata wait here: what an attempt to a missing topic, or a broker that is down, waits. */
    private static final Duration MAX_BLOCK = Duration.ofSeconds(2);

    @Inject
    AcceptEvents accept;

    @Inject
    MatchRules match;

    private final TestDatabase db = TestDatabase.get();

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith("eventbus.delivery.idle-poll", "100ms",
                "eventbus.delivery.kafka.max-block", MAX_BLOCK.toMillis() + "ms",
                "eventbus.delivery.kafka.request-timeout", "2s",
                "eventbus.delivery.kafka.delivery-timeout", "3s",
                "eventbus.delivery.kafka.topic-check-timeout", "2s");
    }

    @BeforeEach
    void deadLetterQueue() {
        db.execute("INSERT INTO queue (name) VALUES ('dlq')");
        db.execute("UPDATE bus SET dead_letter_queue_id = (SELECT id FROM queue WHERE name = 'dlq')");
    }

    @Test
    void theRecordHasTheBodyTheKeyAtKeyPathAndTheHeadersAndIsDeliveredOnTheBrokersAck() throws Exception {
        KAFKA.createTopic("orders", 3);
        rule("to-orders", kafka("orders", "$.detail.customer"));

        String eventId = put("{\"customer\": \"c-42\", \"total\": 12}");

        await().atMost(Duration.ofSeconds(10)).until(() -> states("to-orders").equals(List.of("DELIVERED")));
        List<ConsumerRecord<byte[], byte[]>> records = KAFKA.records("orders");
        assertThat(records).hasSize(1);
        ConsumerRecord<byte[], byte[]> record = records.get(0);
        assertThat(text(record.key())).isEqualTo("c-42");
        JsonNode value = JSON.readTree(record.value());
        assertThat(value.path("id").asText()).isEqualTo(eventId);
        assertThat(value.path("detail")).isEqualTo(JSON.readTree("{\"customer\": \"c-42\", \"total\": 12}"));
        String deliveryId = db.strings("SELECT id::text FROM delivery WHERE target_id = 'to-orders'").get(0);
        assertThat(headers(record)).containsExactly(
                Map.entry("eventbus-delivery-id", deliveryId),
                Map.entry("eventbus-event-id", eventId),
                Map.entry("eventbus-bus", "default"),
                Map.entry("eventbus-rule", "to-kafka"),
                Map.entry("eventbus-source", "shop"),
                Map.entry("eventbus-detail-type", "Order Placed"));
        JsonNode response = JSON.readTree(db.strings("SELECT a.response FROM delivery_attempt a JOIN delivery d"
                + " ON d.id = a.delivery_id WHERE d.target_id = 'to-orders'").get(0));
        assertThat(response.path("topic").asText()).isEqualTo("orders");
        assertThat(response.path("partition").asInt()).isEqualTo(record.partition());
        assertThat(response.path("offset").asLong()).isEqualTo(record.offset());
    }

    @Test
    void anEventWithNothingAtKeyPathIsSentWithoutAKey() throws Exception {
        KAFKA.createTopic("unkeyed", 1);
        rule("to-unkeyed", kafka("unkeyed", "$.detail.customer"));

        String eventId = put("{\"total\": 12}");

        await().atMost(Duration.ofSeconds(10)).until(() -> states("to-unkeyed").equals(List.of("DELIVERED")));
        List<ConsumerRecord<byte[], byte[]>> records = KAFKA.records("unkeyed");
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.key()).isNull();
            assertThat(JSON.readTree(r.value()).path("id").asText()).isEqualTo(eventId);
        });
    }

    @Test
    void whileTheBrokerIsDownDeliveriesAreRetriedAndEachIsDeliveredOnceWhenItIsBack() throws Exception {
        KAFKA.createTopic("payments", 1);
        KAFKA.createTopic("refunds", 1);
        rule("payments", "Payment Made", "to-payments", kafka("payments", null));
        rule("refunds", "Refund Made", "to-refunds", kafka("refunds", null));
        String first = put("Payment Made", "{\"n\": 1}");
        await().atMost(Duration.ofSeconds(10)).until(() -> stateOf(first).equals("DELIVERED"));
        KAFKA.stop();
        String second;
        String refund;
        try {
            second = put("Payment Made", "{\"n\": 2}"); // the producer knows the topic: the record waits in it
            refund = put("Refund Made", "{\"n\": 3}"); // the producer waits for the topic's metadata

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> failedAttempts(second) > 0 && failedAttempts(refund) > 0);
            for (String eventId : List.of(second, refund)) {
                assertThat(stateOf(eventId)).isIn("RETRYABLE", "RUNNING");
                assertThat(db.strings("SELECT last_error FROM delivery WHERE event_id = CAST(? AS uuid)", eventId))
                        .singleElement().asString().matches("(CONNECTION_ERROR|TIMEOUT): .*")
                        .contains(KAFKA.bootstrapServers());
            }
        } finally {
            KAFKA.start();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> stateOf(second).equals("DELIVERED")
                && stateOf(refund).equals("DELIVERED"));
        assertThat(eventIds(KAFKA.records("payments"))).as("each record once").containsExactly(first, second);
        assertThat(eventIds(KAFKA.records("refunds"))).as("the record once").containsExactly(refund);
    }

    @Test
    void aTopicThatDoesNotExistIsAPermanentFailure() throws Exception {
        rule("to-nowhere", kafka("nowhere", null));

        String first = put("{\"n\": 1}");

        await().atMost(Duration.ofSeconds(15)).until(() -> deadLetters().size() == 1);
        JsonNode attributes = JSON.readTree(db.strings("SELECT attributes::text FROM queue_message m JOIN queue q"
                + " ON q.id = m.queue_id WHERE q.name = 'dlq'").get(0));
        assertThat(attributes.path("ERROR_CODE").asText()).isEqualTo("TOPIC_NOT_FOUND");
        assertThat(attributes.path("ERROR_MESSAGE").asText()).isEqualTo("topic 'nowhere' does not exist on "
                + KAFKA.bootstrapServers() + " (and the brokers do not create topics on first use)");
        assertThat(db.strings("SELECT state || ' ' || attempt FROM delivery WHERE target_id = 'to-nowhere'"))
                .containsExactly("DEAD_LETTERED 1");
        assertThat(KAFKA.topics()).as("the broker did not create it").doesNotContain("nowhere");
        assertThat(latencyOf(first)).as("the first attempt waited for the topic's metadata")
                .isGreaterThanOrEqualTo(MAX_BLOCK.toMillis());

        String second = put("{\"n\": 2}");

        await().atMost(Duration.ofSeconds(15)).until(() -> deadLetters().size() == 2);
        assertThat(latencyOf(second)).as("a topic found missing is asked about before a send waits for it")
                .isLessThan(MAX_BLOCK.toMillis());
    }

    private void rule(String target, String config) {
        rule("to-kafka", "Order Placed", target, config);
    }

    private void rule(String rule, String detailType, String target, String config) {
        db.execute("INSERT INTO rule (bus_id, name, event_pattern) SELECT id, ?, CAST(? AS jsonb) FROM bus"
                + " WHERE name = 'default'", rule, "{\"detail-type\": [\"" + detailType + "\"]}");
        db.execute("""
                INSERT INTO target (rule_id, target_id, position, type, config, maximum_retry_attempts)
                SELECT r.id, ?, 0, 'kafka', CAST(? AS jsonb), 20 FROM rule r WHERE r.name = ?
                """, target, config, rule);
        match.refresh("default");
    }

    /** A kafka target's block: this test's broker, {@code topic}, and a keyPath or none. */
    private static String kafka(String topic, String keyPath) {
        return "{\"bootstrapServers\": \"" + KAFKA.bootstrapServers() + "\", \"topic\": \"" + topic + "\""
                + (keyPath == null ? "" : ", \"keyPath\": \"" + keyPath + "\"") + "}";
    }

    private String put(String detail) throws Exception {
        return put("Order Placed", detail);
    }

    private String put(String detailType, String detail) throws Exception {
        return accept.accept("default", List.of(ParsedEntry.ok(new Entry("shop", detailType, detail, List.of(),
                null, null)))).get().entries().get(0).eventId().toString();
    }

    private String stateOf(String eventId) {
        return db.strings("SELECT state FROM delivery WHERE event_id = CAST(? AS uuid)", eventId).get(0);
    }

    private int failedAttempts(String eventId) {
        return Integer.parseInt(db.strings("SELECT count(*) FROM delivery_attempt a JOIN delivery d"
                + " ON d.id = a.delivery_id WHERE d.event_id = CAST(? AS uuid) AND a.error IS NOT NULL", eventId)
                .get(0));
    }

    private static List<String> eventIds(List<ConsumerRecord<byte[], byte[]>> records) throws Exception {
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            ids.add(JSON.readTree(r.value()).path("id").asText());
        }
        return ids;
    }

    private List<String> states(String target) {
        return db.strings("SELECT state FROM delivery WHERE target_id = ?", target);
    }

    private long latencyOf(String eventId) {
        return Long.parseLong(db.strings("SELECT a.latency_ms FROM delivery_attempt a JOIN delivery d"
                + " ON d.id = a.delivery_id WHERE d.event_id = CAST(? AS uuid)", eventId).get(0));
    }

    private List<String> deadLetters() {
        return db.strings("SELECT body FROM queue_message m JOIN queue q ON q.id = m.queue_id WHERE q.name = 'dlq'");
    }

    private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), text(h.value()));
        }
        return headers;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
