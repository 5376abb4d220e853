package io.eventbus.data.deliver.nats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.secret.Secrets;
import io.eventbus.core.target.NatsConfig;
import io.eventbus.core.testing.WithTestDatabase;
import io.eventbus.data.deliver.Brokers;
import io.eventbus.data.deliver.Attempt;
import io.eventbus.data.deliver.Sent;
import io.eventbus.data.ingest.AcceptEvents;
import io.eventbus.data.match.MatchRules;
import io.eventbus.data.retry.DeliveryOutcome;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.api.MessageInfo;
import io.nats.client.impl.Headers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * NATS targets against a nats-server process of the test's own (JetStream, a free port, a temporary store), which a
 * test stops and starts to make an outage. What the broker received is read back from its stream {@code ORDERS}
 * (subjects {@code orders.>}). Logins and permissions: {@link NatsLoginTest}.
 */
@MicronautTest
class NatsTargetTest implements WithTestDatabase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AcceptEvents accept;

    @Inject
    MatchRules match;

    @Inject
    Secrets secrets;

    @Inject
    NatsDriver driver;

    private NatsServerProcess nats;
    private NatsDeliveries eventbus;

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith("eventbus.delivery.idle-poll", "100ms");
    }

    @BeforeAll
    void startServer() throws IOException {
        Path binary = Brokers.assumeInstalled("nats", "nats-server", "apt-get install nats-server");
        nats = NatsServerProcess.start(binary);
    }

    @AfterAll
    void stopServer() throws InterruptedException {
        if (nats != null) {
            nats.stopAndDelete();
        }
    }

    @BeforeEach
    void streamAndDeadLetterQueue() throws Exception {
        assumeTrue(nats != null, NatsServerProcess.MISSING); // each test reported as skipped, with the reason
        if (!nats.running()) {
            nats.start(); // a test failed while its server was stopped
        }
        nats.stream("ORDERS", "orders.>");
        eventbus = new NatsDeliveries(accept, match, secrets);
        eventbus.deadLetterQueue();
    }

    @Test
    void theStreamHasTheMessageWithItsHeadersAndTheDeliveryIsDelivered() throws Exception {
        eventbus.target("stream", nats.url(), "orders.placed", null);

        String placed = eventbus.put("Order Placed");
        String changed = eventbus.put("Bestellung geändert");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> eventbus.states("stream").equals(List.of("DELIVERED", "DELIVERED")));
        Map<String, MessageInfo> stored = nats.messages("ORDERS");
        assertThat(stored).containsOnlyKeys(placed, changed);
        MessageInfo message = stored.get(placed);
        String deliveryId = eventbus.deliveryOf(placed);
        assertThat(new String(message.getData(), StandardCharsets.UTF_8)).isEqualTo(eventbus.envelope(placed));
        assertThat(message.getSubject()).isEqualTo("orders.placed");
        Headers headers = message.getHeaders();
        assertThat(headers.getFirst("Nats-Msg-Id")).isEqualTo(deliveryId);
        assertThat(headers.getFirst("eventbus-delivery-id")).isEqualTo(deliveryId);
        assertThat(headers.getFirst("eventbus-event-id")).isEqualTo(placed);
        assertThat(headers.getFirst("eventbus-bus")).isEqualTo("default");
        assertThat(headers.getFirst("eventbus-rule")).isEqualTo("orders");
        assertThat(headers.getFirst("eventbus-source")).isEqualTo("shop");
        assertThat(headers.getFirst("eventbus-detail-type")).isEqualTo("Order Placed");
        assertThat(stored.get(changed).getHeaders().getFirst("eventbus-detail-type")).as("not ASCII: RFC 2047")
                .isEqualTo("=?UTF-8?B?" + Base64.getEncoder().encodeToString("Bestellung geändert"
                        .getBytes(StandardCharsets.UTF_8)) + "?=");
        assertThat(JSON.readTree(eventbus.attemptResponses(deliveryId).get(0)))
                .isEqualTo(JSON.readTree("{\"stream\": \"ORDERS\", \"seq\": " + message.getSeq() + "}"));
        assertThat(nats.eventbusClients()).as("one pooled connection for both").hasSize(1);
    }

    @Test
    void aRetryOfAnAttemptWhoseAckWasLostIsStoredOnce() throws Exception {
        String envelope = "{\"id\": \"e-1\", \"source\": \"shop\", \"detail-type\": \"Order Placed\", \"detail\": {}}";
        String deliveryId = UUID.randomUUID().toString();
        NatsConfig config = new NatsConfig(nats.url(), "orders.placed", null, null);

        Sent first = driver.send(new Attempt(deliveryId, 1, "e-1", "default", "orders", envelope, envelope, false, null,
                null), config).get(15, TimeUnit.SECONDS);
        Sent retry = driver.send(new Attempt(deliveryId, 2, "e-1", "default", "orders", envelope, envelope, false, null,
                "TIMEOUT: ..."), config).get(15, TimeUnit.SECONDS);

        assertThat(first.outcome()).isEqualTo(DeliveryOutcome.delivered(200));
        assertThat(retry.outcome()).isEqualTo(DeliveryOutcome.delivered(200));
        assertThat(JSON.readTree(retry.log().response())).isEqualTo(JSON.readTree("{\"stream\": \"ORDERS\", \"seq\": "
                + JSON.readTree(first.log().response()).path("seq").asLong() + ", \"duplicate\": true}"));
        assertThat(nats.messages("ORDERS")).containsOnlyKeys("e-1");
    }

    @Test
    void anOutageIsRetriedUntilTheServerIsBackAndTheStreamHasTheMessageOnce() throws Exception {
        eventbus.target("outage", nats.url(), "orders.placed", null);
        String before = eventbus.put("Order Placed");
        await().atMost(Duration.ofSeconds(10)).until(() -> eventbus.states("outage").equals(List.of("DELIVERED")));

        nats.stop();
        String during = eventbus.put("Order Placed");
        String deliveryId = eventbus.deliveryOf(during);
        await().atMost(Duration.ofSeconds(10)).until(() -> eventbus.lastError(deliveryId) != null);
        assertThat(eventbus.state(deliveryId)).isIn("RETRYABLE", "RUNNING");
        assertThat(eventbus.lastError(deliveryId)).matches("(CONNECTION_ERROR|TIMEOUT): .*").contains(nats.url());

        nats.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(eventbus.state(deliveryId)));
        Map<String, MessageInfo> stored = nats.messages("ORDERS");
        assertThat(stored).containsOnlyKeys(before, during);
        assertThat(stored.get(during).getHeaders().getFirst("Nats-Msg-Id")).isEqualTo(deliveryId);
        assertThat(eventbus.attemptErrors(deliveryId)).hasSizeGreaterThan(1)
                .first().asString().startsWith("CONNECTION_ERROR: ").contains(nats.url());
        assertThat(eventbus.attemptErrors(deliveryId)).last().isEqualTo("-");
    }

    @Test
    void aSubjectNoStreamTakesIsDeadLetteredAtOnce() throws Exception {
        eventbus.target("nowhere", nats.url(), "nowhere.placed", null);

        String event = eventbus.put("Order Placed");

        await().atMost(Duration.ofSeconds(10)).until(() -> eventbus.deadLetters().size() == 1);
        JsonNode attributes = eventbus.deadLetters().get(0);
        assertThat(attributes.path("ERROR_CODE").asText()).isEqualTo("NO_STREAM");
        assertThat(attributes.path("ERROR_MESSAGE").asText()).contains("'nowhere.placed'", nats.url());
        assertThat(attributes.path("RETRY_ATTEMPTS").asText()).isEqualTo("0");
        assertThat(eventbus.attemptErrors(eventbus.deliveryOf(event))).hasSize(1);
    }

    @Test
    void noAcknowledgementInTimeIsARetryableTimeout() throws Exception {
        List<Message> swallowed = new CopyOnWriteArrayList<>();
        Connection silent = nats.connect();
        try {
            silent.createDispatcher(swallowed::add).subscribe("silent.>"); // takes the publish, never answers
            silent.flush(Duration.ofSeconds(2));
            eventbus.target("silent", nats.url(), "silent.placed", null);

            String deliveryId = eventbus.deliveryOf(eventbus.put("Order Placed"));

            await().atMost(Duration.ofSeconds(20)).until(() -> eventbus.lastError(deliveryId) != null);
            assertThat(eventbus.lastError(deliveryId)).startsWith("TIMEOUT: JetStream at " + nats.url()
                    + " did not acknowledge the message to subject 'silent.placed' within 10 s");
            assertThat(swallowed).first().extracting(m -> m.getHeaders().getFirst("Nats-Msg-Id")).isEqualTo(deliveryId);
            assertThat(eventbus.attemptMillis(deliveryId)).singleElement().satisfies(ms ->
                    assertThat(ms).isBetween(9_000, 15_000));
        } finally {
            silent.close();
        }
    }
}
