package io.eventbus.data.queue;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.core.testing.TestDatabase;
import io.eventbus.core.testing.WithTestDatabase;
import io.eventbus.data.queue.QueueApi.Reply;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Send, receive, delete and change visibility against a real server and database, with API keys. */
@MicronautTest
class QueueApiTest implements WithTestDatabase {

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith("eventbus.delivery.enabled", "false");
    }

    @Inject
    EmbeddedServer server;

    @Inject
    MeterRegistry meters;

    private final TestDatabase db = TestDatabase.get();
    private QueueApi api;
    private String producerKey;
    private String everyQueueKey;

    @BeforeEach
    void configure() {
        db.execute("INSERT INTO queue (name) VALUES ('jobs'), ('other')");
        String consumerKey = QueueApi.createKey("consumer", new String[]{}, new String[]{"jobs"});
        producerKey = QueueApi.createKey("producer", new String[]{"default"}, new String[]{});
        everyQueueKey = QueueApi.createKey("every-queue", new String[]{}, new String[]{"*"});
        api = new QueueApi(URI.create(server.getURL().toString()), consumerKey);
    }

    @Test
    void sendsReceivesAndDeletesAMessage() {
        double sentBefore = count("jobs", "sent");
        Reply sent = api.send("jobs", "{\"body\": \"{\\\"order\\\": 42}\", \"attributes\": {\"kind\": \"order\", \"n\": \"1\"}}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        String id = sent.json().path("messageId").asText();
        assertThat(UUID.fromString(id).version()).as("UUIDv7").isEqualTo(7);

        List<JsonNode> received = api.messages("jobs", "{}");

        assertThat(received).hasSize(1);
        JsonNode message = received.get(0);
        assertThat(message.path("messageId").asText()).isEqualTo(id);
        assertThat(message.path("body").asText()).isEqualTo("{\"order\": 42}");
        assertThat(message.path("attributes").path("kind").asText()).isEqualTo("order");
        assertThat(message.path("attributes").path("n").asText()).isEqualTo("1");
        assertThat(message.path("receiveCount").asInt()).isEqualTo(1);
        assertThat(message.path("sentAt").asText()).endsWith("Z");
        assertThat(api.messages("jobs", "{}")).as("invisible while received").isEmpty();

        String handle = message.path("receiptHandle").asText();
        assertThat(api.delete("jobs", handle).status()).isEqualTo(204);
        assertThat(db.strings("SELECT count(*) FROM queue_message")).containsExactly("0");
        Reply again = api.delete("jobs", handle);
        assertThat(again.problemCode(404)).isEqualTo("NotFound");
        assertThat(again.json().path("detail").asText()).contains("deleted or has expired");
        assertThat(count("jobs", "sent") - sentBefore).isEqualTo(1);
        assertThat(count("jobs", "received")).isPositive();
        assertThat(count("jobs", "deleted")).isPositive();
    }

    @Test
    void receivesOldestFirstUpToMaxMessagesAndNeverExpiredOnes() {
        db.execute("INSERT INTO queue_message (id, queue_id, body, expires_at) SELECT gen_random_uuid(), id, 'expired',"
                + " now() - interval '1 second' FROM queue WHERE name = 'jobs'");
        for (int i = 1; i <= 4; i++) {
            api.sendText("jobs", "m" + i);
        }

        assertThat(api.messages("jobs", "{\"maxMessages\": 3}")).extracting(m -> m.path("body").asText())
                .containsExactly("m1", "m2", "m3");
        assertThat(api.messages("jobs", "{\"maxMessages\": 10}")).extracting(m -> m.path("body").asText())
                .containsExactly("m4");
        assertThat(db.strings("SELECT count(*) FROM queue_message WHERE visible_at > now() + interval '25 seconds'"))
                .as("the queue's visibility timeout, 30 s, by default").containsExactly("4");
    }

    @Test
    void aReceivedMessageComesBackAfterItsVisibilityTimeoutAndTheOldHandleNoLongerDeletesIt() {
        String id = api.sendText("jobs", "work");
        JsonNode first = api.messages("jobs", "{\"visibilityTimeoutSeconds\": 1}").get(0);
        assertThat(api.messages("jobs", "{}")).isEmpty();

        JsonNode second = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.messages("jobs", "{}"), m -> !m.isEmpty()).get(0);

        assertThat(second.path("messageId").asText()).isEqualTo(id);
        assertThat(second.path("receiveCount").asInt()).isEqualTo(2);
        assertThat(second.path("receiptHandle").asText()).isNotEqualTo(first.path("receiptHandle").asText());
        Reply stale = api.delete("jobs", first.path("receiptHandle").asText());
        assertThat(stale.problemCode(404)).isEqualTo("NotFound");
        assertThat(stale.json().path("detail").asText()).contains("stale").contains("received again");
        assertThat(api.delete("jobs", second.path("receiptHandle").asText()).status()).isEqualTo(204);
    }

    @Test
    void changesVisibilityByReceiptHandle() {
        api.sendText("jobs", "work");
        String first = api.messages("jobs", "{\"visibilityTimeoutSeconds\": 600}").get(0).path("receiptHandle").asText();

        assertThat(api.changeVisibility("jobs", first, "{\"visibilityTimeoutSeconds\": 0}").status()).isEqualTo(204);

        JsonNode again = api.messages("jobs", "{}").get(0);
        assertThat(again.path("receiveCount").asInt()).isEqualTo(2);
        assertThat(api.changeVisibility("jobs", first, "{\"visibilityTimeoutSeconds\": 60}").problemCode(404))
                .isEqualTo("NotFound");
        String second = again.path("receiptHandle").asText();
        assertThat(api.changeVisibility("jobs", second, "{\"visibilityTimeoutSeconds\": 43201}").location())
                .isEqualTo("visibilityTimeoutSeconds");
        assertThat(api.changeVisibility("jobs", second, "{}").location()).isEqualTo("visibilityTimeoutSeconds");
    }

    @Test
    void aDelayedMessageIsReceivedOnlyAfterItsDelay() {
        api.send("jobs", "{\"body\": \"later\", \"delaySeconds\": 1}");
        assertThat(api.messages("jobs", "{}")).isEmpty();

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.messages("jobs", "{}"), m -> !m.isEmpty());
    }

    @Test
    void needsAnApiKeyWithTheQueue() {
        api.sendText("jobs", "secret work");
        String handle = api.withKey(everyQueueKey).messages("jobs", "{\"visibilityTimeoutSeconds\": 0}").get(0)
                .path("receiptHandle").asText();

        for (QueueApi caller : List.of(api.withKey(null), api.withKey("eb_key_unknown"))) {
            assertThat(caller.receive("jobs", "{}").problemCode(401)).isEqualTo("Unauthorized");
            assertThat(caller.send("jobs", "{\"body\": \"x\"}").problemCode(401)).isEqualTo("Unauthorized");
            assertThat(caller.delete("jobs", handle).problemCode(401)).isEqualTo("Unauthorized");
        }
        QueueApi busesOnly = api.withKey(producerKey);
        assertThat(busesOnly.receive("jobs", "{}").problemCode(403)).isEqualTo("Forbidden");
        assertThat(busesOnly.delete("jobs", handle).problemCode(403)).isEqualTo("Forbidden");
        assertThat(api.receive("other", "{}").problemCode(403)).as("a key of other queues").isEqualTo("Forbidden");
        assertThat(api.receive("no-such-queue", "{}").problemCode(403)).as("and learns nothing of them")
                .isEqualTo("Forbidden");
        assertThat(api.withKey(everyQueueKey).send("other", "{\"body\": \"x\"}").status()).isEqualTo(201);

        String revoked = QueueApi.createKey("revoked", new String[]{}, new String[]{"*"});
        db.execute("UPDATE api_key SET revoked_at = now() WHERE name = 'revoked'");
        assertThat(api.withKey(revoked).receive("jobs", "{}").problemCode(401)).isEqualTo("Unauthorized");
        assertThat(db.strings("SELECT count(*) FROM queue_message q WHERE body = 'secret work'")).containsExactly("1");
    }

    @Test
    void anUnknownQueueIsNotFound() {
        QueueApi every = api.withKey(everyQueueKey);
        assertThat(every.send("nope", "{\"body\": \"x\"}").problemCode(404)).isEqualTo("NotFound");
        assertThat(every.receive("nope", "{}").problemCode(404)).isEqualTo("NotFound");
        String wellFormed = new ReceiptHandle(UUID.randomUUID(), UUID.randomUUID()).encode();
        Reply delete = every.delete("nope", wellFormed);
        assertThat(delete.problemCode(404)).isEqualTo("NotFound");
        assertThat(delete.json().path("detail").asText()).contains("queue 'nope' does not exist");
    }

    @Test
    void refusesBadRequestsSayingWhere() {
        assertThat(problem(api.receive("jobs", "{\"maxMessages\": 11}"))).isEqualTo("ValidationError maxMessages");
        assertThat(problem(api.receive("jobs", "{\"maxMessages\": 0}"))).isEqualTo("ValidationError maxMessages");
        assertThat(problem(api.receive("jobs", "{\"waitTimeSeconds\": 21}"))).isEqualTo("ValidationError waitTimeSeconds");
        assertThat(problem(api.receive("jobs", "{\"visibilityTimeoutSeconds\": -1}")))
                .isEqualTo("ValidationError visibilityTimeoutSeconds");
        assertThat(problem(api.receive("jobs", "{\"maxMesages\": 1}"))).isEqualTo("ValidationError maxMesages");
        assertThat(problem(api.receive("jobs", "{\"maxMessages\": \"2\"}"))).isEqualTo("ValidationError maxMessages");
        assertThat(problem(api.receive("jobs", "{\"maxMessages\": 1.5}"))).isEqualTo("ValidationError maxMessages");
        assertThat(api.receive("jobs", "{\"maxMessages\": ").problemCode(400)).isEqualTo("InvalidJson");
        assertThat(api.receive("jobs", null).status()).as("no body: defaults").isEqualTo(200);

        assertThat(problem(api.send("jobs", "{}"))).isEqualTo("ValidationError body");
        assertThat(problem(api.send("jobs", "{\"body\": \"\"}"))).isEqualTo("ValidationError body");
        assertThat(problem(api.send("jobs", "{\"body\": {\"a\": 1}}"))).isEqualTo("ValidationError body");
        assertThat(problem(api.send("jobs", "{\"body\": 5}"))).isEqualTo("ValidationError body");
        assertThat(problem(api.send("jobs", "{\"body\": \"x\", \"delaySeconds\": 901}"))).isEqualTo("ValidationError delaySeconds");
        assertThat(problem(api.send("jobs", "{\"body\": \"x\", \"attributes\": {\"a\": 1.5}}"))).isEqualTo("ValidationError attributes.a");
        assertThat(problem(api.send("jobs", "{\"body\": \"x\", \"attributes\": {\"a\": true}}"))).isEqualTo("ValidationError attributes.a");
        assertThat(problem(api.send("jobs", "{\"body\": \"x\", \"attributes\": {\"a b\": \"1\"}}"))).isEqualTo("ValidationError attributes");
        assertThat(problem(api.send("jobs", "{\"body\": \"x\", \"attributes\": {\"a\": null}}"))).isEqualTo("ValidationError attributes.a");
        assertThat(problem(api.send("jobs", "{\"body\": \"x\", \"bdy\": \"y\"}"))).isEqualTo("ValidationError bdy");
        StringBuilder eleven = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            eleven.append(i == 0 ? "" : ",").append("\"a").append(i).append("\": \"v\"");
        }
        assertThat(problem(api.send("jobs", "{\"body\": \"x\", \"attributes\": {" + eleven + "}}"))).isEqualTo("ValidationError attributes");
        Reply tooLarge = api.send("jobs", "{\"body\": \"" + "x".repeat(262_145) + "\"}");
        assertThat(tooLarge.problemCode(413)).isEqualTo("PayloadTooLarge");
        assertThat(tooLarge.location()).isEqualTo("body");
        assertThat(api.send("jobs", "{\"body\": \"" + "x".repeat(262_144) + "\"}").status()).as("256 KiB fits").isEqualTo(201);

        assertThat(problem(api.delete("jobs", "not-a-handle"))).isEqualTo("ValidationError path: receiptHandle");
        assertThat(problem(api.delete("jobs", "x".repeat(42) + "!"))).isEqualTo("ValidationError path: receiptHandle");
        assertThat(problem(api.withKey(everyQueueKey).receive("bad*name", "{}"))).isEqualTo("ValidationError path: queue");
        assertThat(db.strings("SELECT count(*) FROM queue_message")).containsExactly("1");
    }

    private static String problem(Reply reply) {
        return reply.problemCode(400) + " " + reply.location();
    }

    private double count(String queue, String action) {
        return meters.counter("eventbus.queue.messages", "queue", queue, "action", action).count();
    }
}
