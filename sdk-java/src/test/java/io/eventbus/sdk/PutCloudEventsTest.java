package io.eventbus.sdk;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@link Eventbus#putCloudEvents} against the real server, with an API key as a producer holds it. */
class PutCloudEventsTest {

    static RunningEventbus server;
    static Admin admin;
    static Eventbus producer;

    @BeforeAll
    static void aBusWhoseEventsGoToAQueue() {
        server = RunningEventbus.get();
        admin = server.asAdmin().admin();
        admin.buses().create("sdk-ce");
        admin.queues().create("sdk-ce-q");
        admin.rules("sdk-ce").put("payments", RuleRequest.builder()
                .eventPattern(EventPattern.builder().equalTo("source", "/shop/payments").build())
                .target(Target.queue("q", "sdk-ce-q")).build());
        MatchingRules.await(server, "sdk-ce", 1);
        producer = server.withNewApiKey("sdk-ce-producer", "[\"sdk-ce\"]", "[]");
    }

    @Test
    void aBatchIsStoredAsEventsWithTheDataAndAttributesInTheDetail() {
        CloudEvent paid = CloudEvent.builder().id("pay-1").source("/shop/payments")
                .type("com.example.payment.succeeded").subject("order/o-42")
                .time(Instant.parse("2026-12-06T10:00:00Z")).data(Map.of("orderId", "o-42", "amount", 120)).build();
        CloudEvent refunded = CloudEvent.builder().source("/shop/payments").type("com.example.payment.refunded")
                .data("[1, 2]").build();

        PutEventsResult result = producer.putCloudEvents("sdk-ce", List.of(paid, refunded));

        assertThat(result.failedEntryCount()).isZero();
        assertThat(result.entries()).hasSize(2).allSatisfy(entry -> assertThat(entry.eventId()).isNotBlank());
        await().until(() -> admin.queues().get("sdk-ce-q").depth().visible() >= 2);
        String body = admin.queues().peek("sdk-ce-q", 100).stream().map(PeekedMessage::body)
                .filter(b -> b.contains("pay-1")).findFirst().orElseThrow();
        var event = Json.read("event", body);
        assertThat(event.path("source").asText()).isEqualTo("/shop/payments");
        assertThat(event.path("detail-type").asText()).isEqualTo("com.example.payment.succeeded");
        assertThat(event.path("resources").get(0).asText()).isEqualTo("order/o-42");
        assertThat(event.path("time").asText()).isEqualTo("2026-12-06T10:00:00Z");
        assertThat(event.path("detail").path("orderId").asText()).isEqualTo("o-42");
        assertThat(event.path("detail").path("cloudevents").path("id").asText()).isEqualTo("pay-1");
    }

    @Test
    void theSameSourceAndIdAgainAnswersTheFirstEventsId() {
        CloudEvent once = CloudEvent.builder().id("pay-once").source("/shop/payments").type("t").build();

        String first = producer.putCloudEvents("sdk-ce", List.of(once)).entries().get(0).eventId();
        String again = producer.putCloudEvents("sdk-ce", List.of(once)).entries().get(0).eventId();

        assertThat(again).isEqualTo(first);
    }

    @Test
    void anInvalidEventIsRefusedAloneAndSaysWhy() {
        CloudEvent good = CloudEvent.builder().source("/shop/payments").type("t").build();
        CloudEvent typeTooLong = CloudEvent.builder().source("/shop/payments").type("t".repeat(200)).build();

        PutEventsResult result = producer.putCloudEvents("sdk-ce", List.of(good, typeTooLong));

        assertThat(result.failedEntryCount()).isEqualTo(1);
        assertThat(result.entries().get(0).isSuccess()).isTrue();
        assertThat(result.entries().get(1).errorMessage()).contains("event [1]").contains("type");
    }

    @Test
    void writesTheJsonEventFormat() {
        CloudEvent event = CloudEvent.builder().id("1").source("/s").type("t").subject("x")
                .time(Instant.parse("2026-12-06T10:00:00Z")).dataContentType("application/json").data("{\"a\": 1}")
                .build();

        assertThat(Json.write(event.toJson())).isEqualTo("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\","
                + "\"type\":\"t\",\"subject\":\"x\",\"time\":\"2026-12-06T10:00:00Z\","
                + "\"datacontenttype\":\"application/json\",\"data\":{\"a\":1}}");
    }
}
