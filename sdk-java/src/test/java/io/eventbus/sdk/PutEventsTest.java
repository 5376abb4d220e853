package io.eventbus.sdk;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Eventbus#putEvents} against the real server, with an API key as a producer holds it. */
class PutEventsTest {

    static RunningEventbus server;
    static Eventbus producer;

    @BeforeAll
    static void aBusAndAKeyForIt() {
        server = RunningEventbus.get();
        server.admin("POST", "/v1/buses", "{\"name\": \"sdk-put\"}");
        producer = server.withNewApiKey("sdk-put-producer", "[\"sdk-put\"]", "[]");
    }

    @Test
    void storesEachEntryAndAnswersItsIdInOrder() {
        PutEventsResult result = producer.putEvents("sdk-put", List.of(
                Event.builder().source("shop.orders").detailType("Order Placed")
                        .detail(Map.of("orderId", "o-1", "total", 120)).resource("urn:order:o-1")
                        .time(Instant.parse("2026-12-06T10:00:00Z")).build(),
                Event.builder().source("shop.orders").detailType("Order Placed").detail("{\"orderId\": \"o-2\"}").build()));

        assertThat(result.failedEntryCount()).isZero();
        assertThat(result.entries()).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.isSuccess()).isTrue();
            assertThat(entry.eventId()).isNotBlank();
            assertThat(entry.errorCode()).isNull();
        });
        assertThat(result.entries().get(0).eventId()).isNotEqualTo(result.entries().get(1).eventId());
    }

    @Test
    void aRefusedEntrySaysWhyAndTheOthersAreStored() {
        Event good = Event.builder().source("shop.orders").detailType("Order Placed").detail("{}").build();
        Event tooLongSource = Event.builder().source("s".repeat(300)).detailType("Order Placed").detail("{}").build();

        PutEventsResult result = producer.putEvents("sdk-put", List.of(good, tooLongSource));

        assertThat(result.failedEntryCount()).isEqualTo(1);
        assertThat(result.entries().get(0).isSuccess()).isTrue();
        PutEventsResultEntry refused = result.entries().get(1);
        assertThat(refused.isSuccess()).isFalse();
        assertThat(refused.errorCode()).isNotBlank();
        assertThat(refused.errorMessage()).contains("source");
        assertThat(refused.errorLocation()).isEqualTo("source");
    }

    @Test
    void theSameIdempotencyKeyAnswersTheFirstEventsId() {
        Event once = Event.builder().source("shop.orders").detailType("Order Placed").detail("{\"n\": 1}")
                .idempotencyKey("sdk-put-once").build();

        String first = producer.putEvents("sdk-put", List.of(once)).entries().get(0).eventId();
        String again = producer.putEvents("sdk-put", List.of(once)).entries().get(0).eventId();

        assertThat(again).isEqualTo(first);
    }

    @Test
    void aBusTheKeyMayNotUseIsATypedProblem() {
        server.admin("POST", "/v1/buses", "{\"name\": \"sdk-put-other\"}");
        Event event = Event.builder().source("s").detailType("t").detail("{}").build();

        assertThatThrownBy(() -> producer.putEvents("sdk-put-other", List.of(event)))
                .isInstanceOfSatisfying(EventbusException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.code()).isNotBlank();
                    assertThat(e.detail()).contains("sdk-put-other");
                    assertThat(e.isRetryable()).isFalse();
                });
    }

    @Test
    void noAnswerIsAConnectionFailureThatMayBeRetried() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Eventbus nowhere = Eventbus.builder().endpoint(URI.create("http://127.0.0.1:" + closedPort)).apiKey("eb_key_x")
                .build();
        Event event = Event.builder().source("s").detailType("t").detail("{}").build();

        assertThatThrownBy(() -> nowhere.putEvents("sdk-put", List.of(event)))
                .isInstanceOfSatisfying(EventbusException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.code()).isEqualTo(EventbusException.CONNECTION_FAILED);
                    assertThat(e.isRetryable()).isTrue();
                });
    }

    /**
     * The surefire configuration runs these tests with the common pool's parallelism at 1, as on a machine with two
     * processors, where {@code HttpClient.sendAsync} would start a new thread for every answer.
     */
    @Test
    void asynchronousPutsReuseTheSdksThreadsInsteadOfStartingOneForEachAnswer() {
        assertThat(java.util.concurrent.ForkJoinPool.getCommonPoolParallelism()).isEqualTo(1);
        Event event = Event.builder().source("shop.orders").detailType("Order Placed").detail("{}").build();
        producer.putEventsAsync("sdk-put", List.of(event)).join(); // the first put starts what the SDK needs
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long startedBefore = threads.getTotalStartedThreadCount();

        for (int i = 0; i < 50; i++) {
            assertThat(producer.putEventsAsync("sdk-put", List.of(event)).join().failedEntryCount()).isZero();
        }

        assertThat(threads.getTotalStartedThreadCount() - startedBefore).isLessThan(5);
    }
}
