package io.eventbus.data.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.eventbus.core.testing.TestDatabase;
import io.eventbus.core.testing.WithTestDatabase;
import io.eventbus.data.ingest.AcceptEvents;
import io.eventbus.data.ingest.Entry;
import io.eventbus.data.ingest.ParsedEntry;
import io.eventbus.data.match.MatchRules;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Accepted events reach a real HTTP receiver on 127.0.0.1, signed, with retries and dead-lettering. */
@MicronautTest
class DeliveryTest implements WithTestDatabase {

    /** Stored in plaintext, as before secrets were encrypted: such targets must still be signed. */
    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("a-32-byte-signing-key-for-tests!".getBytes(StandardCharsets.UTF_8));
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AcceptEvents accept;

    @Inject
    MatchRules match;

    @Inject
    TargetGuards guards;

    @Inject
    MeterRegistry meters;

    /** A retryable outcome, as a 500 gives. */
    static final class ClassifyResponseFor {
        static io.eventbus.data.retry.DeliveryOutcome serverError() {
            return io.eventbus.data.retry.ClassifyResponse.status(500, null, java.time.Instant.now());
        }
    }

    private final TestDatabase db = TestDatabase.get();
    private HttpServer receiver;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final List<Integer> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();

    record Received(Map<String, String> headers, String body) {
    }

    /** An answer code meaning: answer 200, but only after the target's timeout. */
    static final int SLOW = -1;

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith(
                "eventbus.delivery.allow-private-networks", "true",
                "eventbus.delivery.idle-poll", "100ms");
    }

    @BeforeEach
    void start() throws Exception {
        received.clear(); // one instance serves every test of the class
        guards.breaker("default/orders/hook").reset();
        answers.clear();
        calls.set(0);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            received.add(new Received(headers, new String(body, StandardCharsets.UTF_8)));
            int call = calls.getAndIncrement();
            int status = call < answers.size() ? answers.get(call) : 200;
            if (status == SLOW) {
                sleepQuietly(3000);
                status = 200;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool()); // a slow answer blocks no other
        receiver.start();
        db.execute("INSERT INTO queue (name) VALUES ('dlq'), ('audit')");
        db.execute("UPDATE bus SET dead_letter_queue_id = (SELECT id FROM queue WHERE name = 'dlq') WHERE name = 'default'");
        db.execute("INSERT INTO rule (bus_id, name, event_pattern) SELECT id, 'orders', '{\"source\": [\"shop\"]}'"
                + " FROM bus WHERE name = 'default'");
        db.execute("""
                INSERT INTO target (rule_id, target_id, position, type, config, maximum_retry_attempts)
                SELECT r.id, 'hook', 0, 'webhook', CAST(? AS jsonb), 3 FROM rule r WHERE r.name = 'orders'
                """, "{\"url\": \"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\", \"method\": \"POST\","
                + " \"timeoutMillis\": 2000, \"headers\": {\"x-team\": \"billing\"}, \"signingSecret\": \"" + SECRET + "\"}");
        db.execute("INSERT INTO target (rule_id, target_id, position, type, config) SELECT r.id, 'audit', 1, 'queue',"
                + " '{\"name\": \"audit\"}' FROM rule r WHERE r.name = 'orders'");
        match.refresh("default");
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    @Test
    void deliversASignedWebhookAndAQueueMessageWithALegacyPlaintextSecret() throws Exception {
        String eventId = put();

        await().atMost(Duration.ofSeconds(10)).until(() -> states().equals(List.of("audit:DELIVERED", "hook:DELIVERED")));
        Received r = received.peek();
        assertThat(JSON.readTree(r.body()).path("id").asText()).isEqualTo(eventId);
        assertThat(r.headers()).containsEntry("x-team", "billing").containsEntry("content-type", "application/json");
        String id = r.headers().get("webhook-id");
        String timestamp = r.headers().get("webhook-timestamp");
        assertThat(r.headers().get("webhook-signature")).isEqualTo("v1," + hmac(id + "." + timestamp + "." + r.body()));
        assertThat(db.strings("SELECT id::text FROM delivery WHERE target_id = 'hook'")).containsExactly(id);
        assertThat(db.strings("SELECT body FROM queue_message m JOIN queue q ON q.id = m.queue_id WHERE q.name = 'audit'"))
                .singleElement().asString().contains(eventId);
    }

    @Test
    void retriesServerErrorsWithTheSameWebhookId() throws Exception {
        answers.addAll(List.of(500, 500, 200));
        db.execute("UPDATE target SET maximum_retry_attempts = 5 WHERE target_id = 'hook'");
        put();

        await().atMost(Duration.ofSeconds(20)).until(() -> states().contains("hook:DELIVERED"));
        assertThat(received).hasSize(3);
        assertThat(received.stream().map(r -> r.headers().get("webhook-id")).distinct()).hasSize(1);
        assertThat(db.strings("SELECT attempt FROM delivery WHERE target_id = 'hook'")).containsExactly("3");
    }

    @Test
    void aTargetNoDriverCanReadIsDeadLetteredWithTheReasonWhileTheOthersAreDelivered() throws Exception {
        db.execute("INSERT INTO target (rule_id, target_id, position, type, config) SELECT r.id, 'pigeon', 2,"
                + " 'carrier-pigeon', '{}' FROM rule r WHERE r.name = 'orders'");
        db.execute("INSERT INTO target (rule_id, target_id, position, type, config) SELECT r.id, 'nourl', 3,"
                + " 'webhook', '{\"method\": \"POST\", \"timeoutMillis\": \"soon\"}' FROM rule r WHERE r.name = 'orders'");
        match.refresh("default");

        put();

        await().atMost(Duration.ofSeconds(10)).until(() -> states().equals(List.of("audit:DELIVERED", "hook:DELIVERED",
                "nourl:DEAD_LETTERED", "pigeon:DEAD_LETTERED")));
        Map<String, String> errors = new HashMap<>();
        for (String text : db.strings("SELECT attributes::text FROM queue_message m JOIN queue q ON q.id = m.queue_id"
                + " WHERE q.name = 'dlq'")) {
            JsonNode attributes = JSON.readTree(text);
            errors.put(attributes.path("TARGET").asText(), attributes.path("ERROR_CODE").asText() + ": "
                    + attributes.path("ERROR_MESSAGE").asText());
        }
        assertThat(errors.get("pigeon")).startsWith("TARGET_TYPE_UNKNOWN: ").contains("'carrier-pigeon'", "(it has ", "webhook");
        assertThat(errors.get("nourl")).startsWith("TARGET_CONFIG_INVALID: ").contains("config.url is required");
        assertThat(db.strings("SELECT last_error FROM delivery WHERE target_id = 'nourl'")).singleElement().asString()
                .startsWith("TARGET_CONFIG_INVALID");
    }

    @Test
    void aClientErrorGoesToTheDeadLetterQueueAtOnceWithTheReason() throws Exception {
        answers.add(400);
        String eventId = put();

        await().atMost(Duration.ofSeconds(10)).until(() -> states().contains("hook:DEAD_LETTERED"));
        assertThat(received).hasSize(1);
        JsonNode attributes = JSON.readTree(db.strings("SELECT attributes::text FROM queue_message m JOIN queue q"
                + " ON q.id = m.queue_id WHERE q.name = 'dlq'").get(0));
        assertThat(attributes.path("ERROR_CODE").asText()).isEqualTo("HTTP_400");
        assertThat(attributes.path("RETRY_ATTEMPTS").asText()).isEqualTo("0");
        assertThat(attributes.path("RULE").asText()).isEqualTo("default/orders");
        assertThat(attributes.path("TARGET").asText()).isEqualTo("hook");
        assertThat(db.strings("SELECT body FROM queue_message m JOIN queue q ON q.id = m.queue_id WHERE q.name = 'dlq'"))
                .singleElement().asString().contains(eventId);
    }

    @Test
    void theRateLimitMakesDeliveriesWaitWithoutSpendingAttempts() throws Exception {
        db.execute("UPDATE target SET config = jsonb_set(config, '{rateLimitPerSecond}', '2') WHERE target_id = 'hook'");
        match.refresh("default");
        long started = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            put();
        }
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> db.strings(
                "SELECT count(*) FROM delivery WHERE target_id = 'hook' AND state = 'AVAILABLE' AND held_by = 'RATE_LIMITED'")
                .stream().anyMatch(n -> !n.equals("0")));

        await().atMost(Duration.ofSeconds(20)).until(() -> db.strings(
                "SELECT count(*) FROM delivery WHERE target_id = 'hook' AND state = 'DELIVERED'").equals(List.of("6")));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("6 at 2 per second").isGreaterThan(Duration.ofMillis(1900));
        assertThat(received).hasSize(6);
        assertThat(db.strings("SELECT DISTINCT attempt FROM delivery WHERE target_id = 'hook'")).containsExactly("1");
    }

    @Test
    void anOpenCircuitHoldsDeliveriesBackWithoutSpendingAttempts() throws Exception {
        String target = "default/orders/hook";
        guards.breaker(target).transitionToOpenState();
        put();

        await().atMost(Duration.ofSeconds(5)).until(() -> db.strings(
                "SELECT state || ':' || attempt || ':' || coalesce(held_by, '-') FROM delivery WHERE target_id = 'hook'")
                .equals(List.of("AVAILABLE:0:CIRCUIT_OPEN")));
        assertThat(received).isEmpty();

        guards.breaker(target).transitionToClosedState();
        db.execute("UPDATE delivery SET next_attempt_at = now() WHERE target_id = 'hook'");
        await().atMost(Duration.ofSeconds(5)).until(() -> states().contains("hook:DELIVERED"));
        assertThat(db.strings("SELECT attempt || ':' || coalesce(held_by, '-') FROM delivery WHERE target_id = 'hook'"))
                .as("the claim that took it again cleared the hold").containsExactly("1:-");
    }

    @Test
    void failuresOpenTheCircuit() throws Exception {
        String target = "default/orders/hook";
        guards.breaker(target).reset(); // the guards outlive each test; start from a fresh window
        for (int i = 0; i < 5; i++) {
            guards.completed(target, ClassifyResponseFor.serverError(), Duration.ofMillis(1));
        }
        assertThat(guards.state(target)).isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN);
        assertThat(circuitState()).as("eventbus.delivery.circuit.state while open").isEqualTo(2.0);
        guards.breaker(target).transitionToHalfOpenState();
        assertThat(circuitState()).isEqualTo(1.0);
        guards.breaker(target).transitionToClosedState();
        assertThat(circuitState()).isEqualTo(0.0);
        assertThat(meters.get("eventbus.delivery.circuit.transitions").tags("target", "hook", "to", "open").counter()
                .count()).isGreaterThanOrEqualTo(1.0);
    }

    private double circuitState() {
        return meters.get("eventbus.delivery.circuit.state").tags("bus", "default", "rule", "orders", "target", "hook")
                .gauge().value();
    }

    @Test
    void aTimeoutIsRetried() throws Exception {
        answers.add(SLOW);
        db.execute("UPDATE target SET config = jsonb_set(config, '{timeoutMillis}', '500') WHERE target_id = 'hook'");
        put();

        await().atMost(Duration.ofSeconds(15)).until(() -> states().contains("hook:DELIVERED"));
        assertThat(db.strings("SELECT attempt FROM delivery WHERE target_id = 'hook'")).containsExactly("2");
    }

    @Test
    void anEventPastItsMaximumAgeIsDeadLetteredInsteadOfRetried() throws Exception {
        answers.add(503);
        db.execute("UPDATE target SET maximum_event_age_seconds = 60 WHERE target_id = 'hook'");
        String target = "default/orders/hook";
        guards.breaker(target).transitionToOpenState(); // hold the delivery back while its event is made old
        String eventId = put();
        await().atMost(Duration.ofSeconds(5)).until(() -> states().contains("hook:AVAILABLE"));
        db.execute("UPDATE event SET ingested_at = ingested_at - interval '59.5 seconds' WHERE id = ?::uuid", eventId);
        db.execute("UPDATE delivery SET event_ingested_at = event_ingested_at - interval '59.5 seconds',"
                + " next_attempt_at = now() WHERE event_id = ?::uuid", eventId);
        guards.breaker(target).transitionToClosedState();

        await().atMost(Duration.ofSeconds(10)).until(() -> states().contains("hook:DEAD_LETTERED"));
        assertThat(received).as("one attempt, no retry past the age").hasSize(1);
        JsonNode attributes = JSON.readTree(db.strings("SELECT attributes::text FROM queue_message m JOIN queue q"
                + " ON q.id = m.queue_id WHERE q.name = 'dlq'").get(0));
        assertThat(attributes.path("EXHAUSTED_RETRY_CONDITION").asText()).isEqualTo("MaximumEventAge");
        assertThat(attributes.path("ERROR_CODE").asText()).isEqualTo("HTTP_503");
    }

    @Test
    void shapesTheInputAsTheTargetAsks() throws Exception {
        db.execute("UPDATE target SET input_shaping = CAST(? AS jsonb) WHERE target_id = 'hook'", """
                {"inputTransformer": {"inputPathsMap": {"total": "$.detail.total"},
                                      "inputTemplate": "{\\"total\\": <total>, \\"rule\\": \\"<aws.events.rule-name>\\"}"}}""");
        match.refresh("default");
        put();

        await().atMost(Duration.ofSeconds(10)).until(() -> states().contains("hook:DELIVERED"));
        assertThat(JSON.readTree(received.peek().body())).isEqualTo(JSON.readTree("{\"total\": 1, \"rule\": \"orders\"}"));
    }

    @Test
    void aCloudEventsTargetGetsBinaryModeWithTheDataAsBodyAndStillASignature() throws Exception {
        db.execute("UPDATE target SET config = jsonb_set(config, '{format}', '\"CLOUDEVENTS_BINARY\"')"
                + " WHERE target_id = 'hook'");
        String eventId = put();

        await().atMost(Duration.ofSeconds(10)).until(() -> states().contains("hook:DELIVERED"));
        Received r = received.peek();
        assertThat(r.body()).isEqualTo("{\"total\":1}");
        assertThat(r.headers()).containsEntry("ce-specversion", "1.0").containsEntry("ce-id", eventId)
                .containsEntry("ce-source", "shop").containsEntry("ce-type", "Order%20Placed")
                .containsEntry("content-type", "application/json").containsKey("ce-time");
        String signed = r.headers().get("webhook-id") + "." + r.headers().get("webhook-timestamp") + "." + r.body();
        assertThat(r.headers().get("webhook-signature")).isEqualTo("v1," + hmac(signed));
    }

    private String put() throws Exception {
        return accept.accept("default", List.of(ParsedEntry.ok(new Entry("shop", "Order Placed", "{\"total\":1}",
                List.of(), null, null)))).get().entries().get(0).eventId().toString();
    }

    private List<String> states() {
        return db.strings("SELECT target_id || ':' || state FROM delivery ORDER BY target_id");
    }

    private static String hmac(String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring(6)), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }
}
