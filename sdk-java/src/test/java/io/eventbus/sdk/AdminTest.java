package io.eventbus.sdk;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@link Admin} against the real server: each area round-trips; problems are typed. Names start with sdk-admin-. */
class AdminTest {

    static RunningEventbus server;
    static Admin admin;

    @BeforeAll
    static void theServer() {
        server = RunningEventbus.get();
        admin = server.asAdmin().admin();
    }

    @Test
    void busesRoundTripAndAStaleEtagIsRefused() {
        Bus created = admin.buses().create("sdk-admin-bus", "first", new BusSettings(3, null));
        assertThat(created.settings().eventRetentionDays()).isEqualTo(3);
        assertThat(created.etag()).isNotBlank();

        Bus read = admin.buses().get("sdk-admin-bus");
        assertThat(read.description()).isEqualTo("first");
        assertThat(admin.buses().list()).extracting(Bus::name).contains("sdk-admin-bus", "default");

        admin.queues().create("sdk-admin-bus-dlq");
        BusSettings settings = new BusSettings(10, "sdk-admin-bus-dlq", SchemaValidation.ENFORCE, true, false);
        Bus updated = admin.buses().update("sdk-admin-bus", "second", settings, read.etag());
        assertThat(updated.settings()).isEqualTo(settings);
        assertThat(updated.etag()).isNotEqualTo(read.etag());

        assertThatThrownBy(() -> admin.buses().update("sdk-admin-bus", "third", null, read.etag()))
                .isInstanceOfSatisfying(EventbusException.class, e -> assertThat(e.status()).isEqualTo(412));
        assertThat(admin.buses().get("sdk-admin-bus").description()).isEqualTo("second");

        admin.buses().delete("sdk-admin-bus");
        assertThatThrownBy(() -> admin.buses().get("sdk-admin-bus"))
                .isInstanceOfSatisfying(EventbusException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void queuesShowTheirDepthAndCanBePeekedAndPurged() {
        QueueInfo created = admin.queues().create("sdk-admin-q", "orders to look at", 60, 3600);
        assertThat(created.visibilityTimeoutSeconds()).isEqualTo(60);
        assertThat(created.messageRetentionSeconds()).isEqualTo(3600);
        admin.buses().create("sdk-admin-q-bus");
        admin.rules("sdk-admin-q-bus").put("all", RuleRequest.builder()
                .eventPattern(EventPattern.builder().exists("source", true).build())
                .target(Target.queue("q", "sdk-admin-q")).build());
        MatchingRules.await(server, "sdk-admin-q-bus", 1);
        server.asAdmin().putEvents("sdk-admin-q-bus", List.of(Event.builder().source("shop.orders")
                .detailType("Order Placed").detail("{\"orderId\": \"o-1\"}").build()));

        await().until(() -> admin.queues().get("sdk-admin-q").depth().visible() == 1);
        List<PeekedMessage> peeked = admin.queues().peek("sdk-admin-q", 10);
        assertThat(peeked).singleElement().satisfies(m -> {
            assertThat(m.body()).contains("o-1");
            assertThat(m.inFlight()).isFalse();
        });
        assertThat(admin.queues().list()).extracting(QueueInfo::name).contains("sdk-admin-q");

        assertThat(admin.queues().purge("sdk-admin-q")).isEqualTo(1);
        assertThat(admin.queues().get("sdk-admin-q").depth()).isEqualTo(new QueueInfo.Depth(0, 0));

        assertThatThrownBy(() -> admin.queues().delete("sdk-admin-q"))
                .isInstanceOfSatisfying(EventbusException.class, e -> assertThat(e.code()).isEqualTo("Conflict"));
        admin.buses().delete("sdk-admin-q-bus", true);
        admin.queues().delete("sdk-admin-q", admin.queues().get("sdk-admin-q").etag());
        assertThat(admin.queues().list()).extracting(QueueInfo::name).doesNotContain("sdk-admin-q");
    }

    @Test
    void anApiKeyShowsItsSecretOnceAndWhenItWasUsedAndCanBeRevoked() {
        admin.buses().create("sdk-admin-key-bus");
        ApiKey key = admin.apiKeys().create("sdk-admin-key", List.of("sdk-admin-key-bus"), List.of());
        assertThat(key.secret()).startsWith("eb_key_");
        assertThat(key.toString()).doesNotContain(key.secret());
        assertThat(admin.apiKeys().get(key.id()).secret()).isNull();

        Eventbus producer = Eventbus.builder().endpoint(server.endpoint()).apiKey(key.secret()).build();
        producer.putEvents("sdk-admin-key-bus", List.of(Event.builder().source("s").detailType("t").detail("{}")
                .build()));
        await().until(() -> admin.apiKeys().list().stream().filter(k -> k.id().equals(key.id())).findFirst()
                .orElseThrow().lastUsedAt() != null);

        admin.apiKeys().revoke(key.id());
        assertThat(admin.apiKeys().get(key.id()).revokedAt()).isNotNull();
        // the data plane trusts a looked-up key for EVENTBUS_INGEST_API_KEY_CACHE_SECONDS (5 s by default)
        await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> assertThatThrownBy(
                () -> producer.putEvents("sdk-admin-key-bus", List.of(Event.builder().source("s").detailType("t")
                        .detail("{}").build())))
                .isInstanceOfSatisfying(EventbusException.class, e -> assertThat(e.status()).isEqualTo(401)));
    }

    @Test
    void connectionsNeverAnswerTheirSecrets() {
        Connection created = admin.connections().create("sdk-admin-conn", "billing's API",
                ConnectionAuth.basic("eventbus", "s3cret-password"));
        assertThat(created.authorizationType()).isEqualTo(AuthorizationType.BASIC);
        assertThat(created.authParameters().basic().username()).isEqualTo("eventbus");

        Connection updated = admin.connections().update("sdk-admin-conn", null,
                ConnectionAuth.apiKey("x-api-key", "k-123"), created.etag());
        assertThat(updated.authParameters().apiKey().name()).isEqualTo("x-api-key");
        assertThat(admin.connections().list()).extracting(Connection::name).contains("sdk-admin-conn");
        String answers = server.admin("GET", "/v1/connections/sdk-admin-conn", null)
                + server.admin("GET", "/v1/connections", null);
        assertThat(answers).doesNotContain("s3cret-password").doesNotContain("k-123");

        admin.connections().delete("sdk-admin-conn");
        assertThatThrownBy(() -> admin.connections().get("sdk-admin-conn"))
                .isInstanceOfSatisfying(EventbusException.class, e -> assertThat(e.code()).isEqualTo("NotFound"));
    }

    @Test
    void rulesRoundTripWithTypedTargets() {
        admin.buses().create("sdk-admin-rules");
        admin.queues().create("sdk-admin-rules-q");
        admin.queues().create("sdk-admin-rules-dlq");
        EventPattern pattern = EventPattern.builder().equalTo("source", "shop.orders")
                .numeric("detail.total", ">=", 100).build();
        assertThat(pattern.json()).isEqualTo(
                "{\"source\":[\"shop.orders\"],\"detail\":{\"total\":[{\"numeric\":[\">=\",100]}]}}");

        Rule put = admin.rules("sdk-admin-rules").put("big-orders", RuleRequest.builder()
                .description("orders of 100 or more")
                .eventPattern(pattern)
                .target(Target.webhook("billing", Webhook.to("http://127.0.0.1:9/hooks").method("PUT")
                                .timeoutMillis(2000).header("x-team", "billing").generateSigningSecret().build())
                        .withRetryPolicy(new RetryPolicy(3, 600))
                        .withDeadLetterQueue("sdk-admin-rules-dlq")
                        .withInput(InputShaping.transformer(Map.of("id", "$.detail.orderId"), "{\"order\": <id>}")))
                .target(Target.queue("archive", "sdk-admin-rules-q").withInput(InputShaping.path("$.detail")))
                .build());

        assertThat(put.warnings()).isEmpty(); // the test server allows private networks
        Webhook billing = put.target("billing").webhook();
        assertThat(billing.signingSecret()).startsWith("whsec_");
        assertThat(billing.method()).isEqualTo("PUT");
        assertThat(billing.headers()).containsEntry("x-team", "billing");
        assertThat(put.target("billing").retryPolicy()).isEqualTo(new RetryPolicy(3, 600));
        assertThat(put.target("billing").deadLetterQueue()).isEqualTo("sdk-admin-rules-dlq");
        assertThat(put.target("billing").inputTransformer().inputTemplate()).isEqualTo("{\"order\": <id>}");
        assertThat(put.target("archive").queue().name()).isEqualTo("sdk-admin-rules-q");
        assertThat(put.target("archive").inputPath()).isEqualTo("$.detail");

        Rule read = admin.rules("sdk-admin-rules").get("big-orders");
        assertThat(read.target("billing").webhook().signingSecret()).isNull();
        assertThat(read.target("billing").webhook().signingSecretSet()).isTrue();
        assertThat(Json.read("pattern", read.eventPattern())).isEqualTo(Json.read("pattern", pattern.json()));

        // read, change, put back only if unchanged: the secret stays
        Rule disabled = admin.rules("sdk-admin-rules").put("big-orders", new RuleRequest(read.description(),
                EventPattern.of(read.eventPattern()), RuleState.DISABLED, read.targets()), read.etag());
        assertThat(disabled.state()).isEqualTo(RuleState.DISABLED);
        assertThat(disabled.target("billing").webhook().signingSecretSet()).isTrue();
        assertThatThrownBy(() -> admin.rules("sdk-admin-rules").put("big-orders", read.toRequest(), read.etag()))
                .isInstanceOfSatisfying(EventbusException.class, e -> {
                    assertThat(e.status()).isEqualTo(412);
                    assertThat(e.code()).isEqualTo("PreconditionFailed");
                });

        admin.rules("sdk-admin-rules").delete("big-orders", disabled.etag());
        assertThat(admin.rules("sdk-admin-rules").list()).isEmpty();
    }

    @Test
    void busAndBrokerTargetsRoundTripAndAReadRuleIsPutBackUnchanged() {
        admin.buses().create("sdk-admin-kinds");
        admin.buses().create("sdk-admin-kinds-to");
        RabbitMqTarget rabbit = new RabbitMqTarget("amqp://127.0.0.1:5672", null, "amq.topic", null, "$.source", 50);
        KafkaTarget kafka = new KafkaTarget("127.0.0.1:9092", "orders", "$.detail.orderId", null);
        NatsTarget nats = new NatsTarget("nats://127.0.0.1:4222", "orders.placed", null, null);

        Rule put = admin.rules("sdk-admin-kinds").put("fan-out", RuleRequest.builder()
                .eventPattern("{\"source\": [\"shop.orders\"]}")
                .target(Target.bus("to-bus", "sdk-admin-kinds-to"))
                .target(Target.rabbitmq("rabbit", rabbit))
                .target(Target.kafka("kafka", kafka).withInput(InputShaping.path("$.detail")))
                .target(Target.nats("nats", nats))
                .build());

        assertThat(put.target("to-bus").type()).isEqualTo("bus");
        assertThat(put.target("to-bus").bus().name()).isEqualTo("sdk-admin-kinds-to");
        assertThat(put.target("rabbit").rabbitmq()).isEqualTo(rabbit);
        assertThat(put.target("kafka").kafka()).isEqualTo(kafka);
        assertThat(put.target("kafka").inputPath()).isEqualTo("$.detail");
        assertThat(put.target("nats").nats()).isEqualTo(nats);
        Rule read = admin.rules("sdk-admin-kinds").get("fan-out");
        Rule again = admin.rules("sdk-admin-kinds").put("fan-out", read.toRequest(), read.etag());
        assertThat(again.targets()).isEqualTo(read.targets());
        assertThatThrownBy(() -> admin.rules("sdk-admin-kinds").put("bad", RuleRequest.builder()
                .eventPattern("{\"source\": [\"shop.orders\"]}")
                .target(Target.rabbitmq("r", new RabbitMqTarget("amqp://guest:guest@127.0.0.1", null, "x", null, null,
                        null))).build()))
                .isInstanceOfSatisfying(EventbusException.class, e -> assertThat(e.location())
                        .isEqualTo("targets[0].rabbitmq.uri"));
    }

    @Test
    void listFollowsThePages() {
        admin.buses().create("sdk-admin-pages");
        RuleRequest rule = RuleRequest.builder().eventPattern("{\"source\": [\"shop.orders\"]}").build();
        for (String name : List.of("a", "b", "c")) {
            admin.rules("sdk-admin-pages").put(name, rule);
        }

        RulePage first = admin.rules("sdk-admin-pages").list(null, 2);
        assertThat(first.rules()).extracting(Rule::name).containsExactly("a", "b");
        RulePage second = admin.rules("sdk-admin-pages").list(first.nextToken(), 2);
        assertThat(second.rules()).extracting(Rule::name).containsExactly("c");
        assertThat(second.nextToken()).isNull();
        assertThat(admin.rules("sdk-admin-pages").list()).extracting(Rule::name).containsExactly("a", "b", "c");
        admin.buses().delete("sdk-admin-pages", true);
    }

    @Test
    void aBadPatternIsAnInvalidEventPatternWithItsLocation() {
        admin.buses().create("sdk-admin-bad");
        RuleRequest bad = RuleRequest.builder().eventPattern("{\"detail\": {\"total\": [{\"numeric\": [\">\"]}]}}")
                .build();

        assertThatThrownBy(() -> admin.rules("sdk-admin-bad").put("bad", bad))
                .isInstanceOfSatisfying(EventbusException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("InvalidEventPattern");
                    assertThat(e.location()).isEqualTo("detail.total");
                });
        assertThatThrownBy(() -> admin.testEventPattern(bad.eventPattern(), "{}"))
                .isInstanceOfSatisfying(EventbusException.class,
                        e -> assertThat(e.code()).isEqualTo("InvalidEventPattern"));
    }

    @Test
    void theSandboxesAnswerLikeARuleAndATarget() {
        String event = """
                {"id": "e-1", "source": "shop.orders", "detail-type": "Order Placed", "account": "000000000000",
                 "time": "2026-12-06T10:00:00Z", "region": "local", "resources": [],
                 "detail": {"orderId": "o-42", "total": 120}}
                """;
        EventPattern big = EventPattern.builder().numeric("detail.total", ">=", 100).build();
        EventPattern small = EventPattern.builder().numeric("detail.total", "<", 100).build();

        assertThat(admin.testEventPattern(big, event)).isTrue();
        assertThat(admin.testEventPattern(small, event)).isFalse();
        assertThat(admin.testInputTransformation(event, InputShaping.path("$.detail.orderId"))).isEqualTo("\"o-42\"");
        assertThat(admin.testInputTransformation(event,
                InputShaping.transformer(Map.of("id", "$.detail.orderId"), "{\"order\": <id>}")))
                .isEqualTo("{\"order\":\"o-42\"}");
        assertThat(admin.testInputTransformation(event, InputShaping.constant("{\"ping\": true}")))
                .isEqualTo("{\"ping\":true}");
    }

    @Test
    void anApiKeyCannotAdminister() {
        admin.buses().create("sdk-admin-nokey");
        Eventbus producer = server.withNewApiKey("sdk-admin-nokey", "[\"sdk-admin-nokey\"]", "[]");

        assertThatThrownBy(() -> producer.admin().buses().list())
                .isInstanceOfSatisfying(EventbusException.class, e -> assertThat(e.status()).isEqualTo(401));
    }
}
