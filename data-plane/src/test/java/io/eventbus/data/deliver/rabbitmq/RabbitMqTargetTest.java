package io.eventbus.data.deliver.rabbitmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.eventbus.core.testing.TestDatabase;
import io.eventbus.core.testing.WithTestDatabase;
import io.eventbus.data.deliver.Brokers;
import io.eventbus.data.ingest.AcceptEvents;
import io.eventbus.data.ingest.Entry;
import io.eventbus.data.ingest.ParsedEntry;
import io.eventbus.data.match.MatchRules;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deliveries to the machine's RabbitMQ (127.0.0.1:5672, guest), through a proxy the test can cut: confirmed and
 * persistent with the event's headers; retried through an outage and delivered once the broker is back; a missing
 * exchange dead-lettered; an unroutable message retried. Skipped, saying so, where no RabbitMQ runs.
 */
@MicronautTest
class RabbitMqTargetTest implements WithTestDatabase {

    private static final int BROKER_PORT = 5672;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TcpProxy proxy;

    @Inject
    AcceptEvents accept;

    @Inject
    MatchRules match;

    private final TestDatabase db = TestDatabase.get();
    private final String exchange = "eventbus-test-" + UUID.randomUUID();
    private final String queue = exchange + "-q";
    private Connection admin;
    private Channel channel;

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith("eventbus.delivery.idle-poll", "100ms");
    }

    @BeforeAll
    static void broker() throws Exception {
        Brokers.assumeListening("rabbitmq", BROKER_PORT, "apt-get install rabbitmq-server; rabbitmq-server -detached");
        proxy = new TcpProxy(BROKER_PORT);
    }

    @AfterAll
    static void stopProxy() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
    }

    @BeforeEach
    void exchangeAndQueue() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(BROKER_PORT);
        admin = factory.newConnection("eventbus-test");
        channel = admin.createChannel();
        channel.exchangeDeclare(exchange, "direct", false, true, null);
        channel.queueDeclare(queue, false, false, true, null);
        channel.queueBind(queue, exchange, "order.placed");
        db.execute("INSERT INTO queue (name) VALUES ('dlq')");
        db.execute("UPDATE bus SET dead_letter_queue_id = (SELECT id FROM queue WHERE name = 'dlq')");
    }

    @AfterEach
    void deleteThem() throws Exception {
        channel.queueDelete(queue);
        channel.exchangeDelete(exchange);
        admin.close();
    }

    @Test
    void aConfirmedPersistentMessageWithTheEventsHeadersAndItsRoutingKeyFromTheEvent() throws Exception {
        target(exchange, ", \"routingKeyPath\": \"$.detail.kind\"");

        String eventId = put("{\"kind\": \"order.placed\", \"total\": 12}");

        await().atMost(Duration.ofSeconds(10)).until(() -> state().equals("DELIVERED"));
        GetResponse got = channel.basicGet(queue, true);
        assertThat(got).as("the message is on the queue bound with the event's routing key").isNotNull();
        assertThat(JSON.readTree(new String(got.getBody(), StandardCharsets.UTF_8)).path("id").asText()).isEqualTo(eventId);
        assertThat(got.getProps().getDeliveryMode()).as("persistent").isEqualTo(2);
        assertThat(got.getProps().getMessageId()).isEqualTo(db.strings("SELECT id FROM delivery").get(0));
        assertThat(got.getProps().getHeaders().get("eventbus-event-id").toString()).isEqualTo(eventId);
        assertThat(got.getProps().getHeaders().get("eventbus-detail-type").toString()).isEqualTo("Order Placed");
        assertThat(got.getProps().getHeaders().get("eventbus-rule").toString()).isEqualTo("to-rabbit");
        assertThat(channel.basicGet(queue, true)).as("once").isNull();
    }

    @Test
    void anOutageIsRetriedAndTheMessageDeliveredOnceTheBrokerIsBack() throws Exception {
        target(exchange, ", \"routingKey\": \"order.placed\"");
        proxy.down();
        try {
            put("{\"kind\": \"order.placed\"}");

            await().atMost(Duration.ofSeconds(15)).until(() -> state().equals("RETRYABLE"));
            assertThat(db.strings("SELECT last_error FROM delivery")).singleElement().asString()
                    .matches("(CONNECTION_ERROR|TIMEOUT): .*");
        } finally {
            proxy.up();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> state().equals("DELIVERED"));
        assertThat(channel.basicGet(queue, true)).isNotNull();
        assertThat(channel.basicGet(queue, true)).as("once").isNull();
    }

    @Test
    void aMissingExchangeIsDeadLetteredAtOnce() throws Exception {
        target("no-such-exchange-" + UUID.randomUUID(), ", \"routingKey\": \"order.placed\"");

        put("{\"kind\": \"order.placed\"}");

        await().atMost(Duration.ofSeconds(10)).until(() -> state().equals("DEAD_LETTERED"));
        JsonNode attributes = JSON.readTree(db.strings("SELECT attributes::text FROM queue_message").get(0));
        assertThat(attributes.path("ERROR_CODE").asText()).isEqualTo("EXCHANGE_NOT_FOUND");
        assertThat(attributes.path("ERROR_MESSAGE").asText()).contains("does not exist");
    }

    @Test
    void anUnroutableMessageIsRetriedNotCountedDelivered() throws Exception {
        target(exchange, ", \"routingKey\": \"nobody.listens\"");

        put("{\"kind\": \"order.placed\"}");

        await().atMost(Duration.ofSeconds(10)).until(() -> state().equals("RETRYABLE"));
        assertThat(db.strings("SELECT last_error FROM delivery")).singleElement().asString()
                .startsWith("UNROUTABLE: no queue is bound to exchange '" + exchange + "' with routing key 'nobody.listens'");
    }

    private void target(String exchangeName, String routing) {
        db.execute("INSERT INTO rule (bus_id, name, event_pattern) SELECT id, 'to-rabbit', '{\"source\": [\"shop\"]}'"
                + " FROM bus WHERE name = 'default'");
        db.execute("""
                INSERT INTO target (rule_id, target_id, position, type, config, maximum_retry_attempts)
                SELECT r.id, 'rabbit', 0, 'rabbitmq', CAST(? AS jsonb), 20 FROM rule r WHERE r.name = 'to-rabbit'
                """, "{\"uri\": \"amqp://127.0.0.1:" + proxy.port() + "\", \"exchange\": \"" + exchangeName + "\""
                + routing + "}");
        match.refresh("default");
    }

    private String put(String detail) throws Exception {
        return accept.accept("default", List.of(ParsedEntry.ok(new Entry("shop", "Order Placed", detail,
                new ArrayList<>(), null, null)))).get().entries().get(0).eventId().toString();
    }

    private String state() {
        return db.strings("SELECT state FROM delivery").get(0);
    }
}
