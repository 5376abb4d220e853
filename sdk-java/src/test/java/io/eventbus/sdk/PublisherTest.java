package io.eventbus.sdk;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@link Publisher} against the real server, through a forwarding proxy where a test counts the puts. */
class PublisherTest {

    static RunningEventbus server;

    @BeforeAll
    static void theServer() {
        server = RunningEventbus.get();
    }

    @Test
    void concurrentPublishersStoreEveryEventOnceInFewerPutsThanEvents() throws Exception {
        String key = StoredEvents.newBusAndKey(server, "sdk-pub-many");
        int publishers = 4;
        int threadsEach = 2;
        int eventsEach = 150;
        List<CompletableFuture<String>> ids = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(publishers * threadsEach);
        try (FaultProxy proxy = FaultProxy.forwarding(server.endpoint())) {
            Eventbus eventbus = client(proxy, key);
            List<Publisher> all = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<CompletableFuture<String>>>> published = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                Publisher publisher = eventbus.publisher("sdk-pub-many");
                all.add(publisher);
                for (int t = 0; t < threadsEach; t++) {
                    String from = p + "-" + t;
                    published.add(threads.submit(() -> {
                        start.await();
                        List<CompletableFuture<String>> mine = new ArrayList<>();
                        for (int i = 0; i < eventsEach; i++) {
                            mine.add(publisher.publish(event(Map.of("from", from, "n", i))));
                        }
                        return mine;
                    }));
                }
            }
            start.countDown();
            for (Future<List<CompletableFuture<String>>> each : published) {
                ids.addAll(each.get(30, TimeUnit.SECONDS));
            }
            all.forEach(Publisher::close);

            int events = publishers * threadsEach * eventsEach;
            Set<String> answered = new HashSet<>();
            ids.forEach(id -> answered.add(id.join()));
            assertThat(answered).hasSize(events);
            assertThat(StoredEvents.ids(server, "sdk-pub-many")).hasSize(events).containsExactlyInAnyOrderElementsOf(answered);
            assertThat(proxy.requests()).as("puts").isBetween(events / 100, events / 10);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void blockWaitsForRoomAndGivesUpAfterMaxBlock() throws Exception {
        String key = StoredEvents.newBusAndKey(server, "sdk-pub-block");
        try (FaultProxy proxy = new FaultProxy(server.endpoint(), (earlier, body) -> FaultProxy.Fault.HOLD);
             Publisher waits = client(proxy, key).publisher("sdk-pub-block", small(PublisherOptions.WhenFull.BLOCK,
                     Duration.ofSeconds(30)));
             Publisher givesUp = client(proxy, key).publisher("sdk-pub-block", small(PublisherOptions.WhenFull.BLOCK,
                     Duration.ofMillis(300)))) {
            List<CompletableFuture<String>> first = publishTen(waits);
            publishTen(givesUp);

            CompletableFuture<CompletableFuture<String>> eleventh = CompletableFuture.supplyAsync(
                    () -> waits.publish(event(Map.of("n", 11))));
            long before = System.nanoTime();
            assertThatThrownBy(() -> givesUp.publish(event(Map.of("n", 11))))
                    .isInstanceOfSatisfying(PublisherBufferFullException.class,
                            e -> assertThat(e.capacity()).isEqualTo(10));
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(eleventh).as("still blocked while the buffer is full").isNotDone();

            proxy.release();
            String id = eleventh.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
            assertThat(id).isNotBlank();
            first.forEach(future -> assertThat(future.join()).isNotBlank());
        }
    }

    @Test
    void failFastThrowsAtOnceWhenTheBufferIsFull() throws Exception {
        String key = StoredEvents.newBusAndKey(server, "sdk-pub-failfast");
        try (FaultProxy proxy = new FaultProxy(server.endpoint(), (earlier, body) -> FaultProxy.Fault.HOLD);
             Publisher publisher = client(proxy, key).publisher("sdk-pub-failfast",
                     small(PublisherOptions.WhenFull.FAIL_FAST, Duration.ofSeconds(30)))) {
            List<CompletableFuture<String>> first = publishTen(publisher);

            long before = System.nanoTime();
            assertThatThrownBy(() -> publisher.publish(event(Map.of("n", 11))))
                    .isInstanceOf(PublisherBufferFullException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));

            proxy.release();
            first.forEach(future -> assertThat(future.join()).isNotBlank());
            assertThat(publisher.publish(event(Map.of("n", 12))).get(10, TimeUnit.SECONDS)).isNotBlank();
        }
        assertThat(StoredEvents.ids(server, "sdk-pub-failfast")).hasSize(11);
    }

    @Test
    void closeDeliversWhatWasAcceptedAndThenRefusesEvents() throws Exception {
        String key = StoredEvents.newBusAndKey(server, "sdk-pub-close");
        try (FaultProxy proxy = FaultProxy.forwarding(server.endpoint())) {
            Publisher publisher = client(proxy, key).publisher("sdk-pub-close",
                    PublisherOptions.builder().linger(Duration.ofMinutes(1)).build());
            List<CompletableFuture<String>> ids = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                ids.add(publisher.publish(event(Map.of("n", i))));
            }
            assertThat(proxy.requests()).as("lingering: a batch of 30 waits for more").isZero();

            publisher.close();

            assertThat(ids).allSatisfy(id -> assertThat(id).isCompleted());
            assertThat(StoredEvents.ids(server, "sdk-pub-close"))
                    .containsExactlyInAnyOrderElementsOf(ids.stream().map(CompletableFuture::join).toList());
            assertThat(proxy.requests()).isEqualTo(1);
            assertThatThrownBy(() -> publisher.publish(event(Map.of("n", 30))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }

    @Test
    void flushSendsWithoutLingeringAndWaitsUntilStored() {
        String key = StoredEvents.newBusAndKey(server, "sdk-pub-flush");
        try (Publisher publisher = Eventbus.builder().endpoint(server.endpoint()).apiKey(key).build()
                .publisher("sdk-pub-flush", PublisherOptions.builder().linger(Duration.ofMinutes(1)).build())) {
            List<CompletableFuture<String>> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(publisher.publish(event(Map.of("n", i))));
            }

            publisher.flush();

            assertThat(ids).allSatisfy(id -> assertThat(id).isCompleted());
            assertThat(StoredEvents.ids(server, "sdk-pub-flush")).hasSize(5);
        }
    }

    @Test
    void anEntryTheServerRefusesFailsOnlyItsOwnFuture() {
        String key = StoredEvents.newBusAndKey(server, "sdk-pub-refused");
        try (Publisher publisher = Eventbus.builder().endpoint(server.endpoint()).apiKey(key).build()
                .publisher("sdk-pub-refused")) {
            CompletableFuture<String> before = publisher.publish(event(Map.of("n", 1)));
            CompletableFuture<String> refused = publisher.publish(Event.builder().source("s".repeat(300))
                    .detailType("Order Placed").detail("{}").build());
            CompletableFuture<String> after = publisher.publish(event(Map.of("n", 2)));

            publisher.flush();

            assertThat(before.join()).isNotBlank();
            assertThat(after.join()).isNotBlank();
            assertThat(refused).isCompletedExceptionally();
            assertThatThrownBy(refused::join).cause().isInstanceOfSatisfying(EventRefusedException.class, e -> {
                assertThat(e.errorCode()).isEqualTo("ValidationError");
                assertThat(e.errorMessage()).contains("source");
                assertThat(e.errorLocation()).isEqualTo("source");
                assertThat(e.event().idempotencyKey()).startsWith("pub-");
            });
            assertThat(StoredEvents.ids(server, "sdk-pub-refused")).containsExactlyInAnyOrder(before.join(), after.join());
        }
    }

    @Test
    void aPutRefusedAsAWholeFailsItsEventsWithoutRetries() throws Exception {
        String key = StoredEvents.newBusAndKey(server, "sdk-pub-mine");
        server.admin("POST", "/v1/buses", "{\"name\": \"sdk-pub-not-mine\"}");
        try (FaultProxy proxy = FaultProxy.forwarding(server.endpoint());
             Publisher publisher = client(proxy, key).publisher("sdk-pub-not-mine")) {
            CompletableFuture<String> id = publisher.publish(event(Map.of("n", 1)));

            publisher.flush();

            assertThatThrownBy(id::join).cause().isInstanceOfSatisfying(EventbusException.class, e -> {
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.detail()).contains("sdk-pub-not-mine");
            });
            assertThat(proxy.requests()).as("a 403 is not retried").isEqualTo(1);
        }
    }

    @Test
    void closeGivesUpOnWhatItCannotDeliverWithinTheCloseTimeout() throws Exception {
        String key = StoredEvents.newBusAndKey(server, "sdk-pub-giveup");
        try (FaultProxy proxy = new FaultProxy(server.endpoint(), (earlier, body) -> FaultProxy.Fault.ANSWER_503)) {
            Publisher publisher = client(proxy, key).publisher("sdk-pub-giveup", PublisherOptions.builder()
                    .maxAttempts(1000).backoff(Duration.ofMillis(20), Duration.ofMillis(50))
                    .closeTimeout(Duration.ofMillis(500)).build());
            CompletableFuture<String> id = publisher.publish(event(Map.of("n", 1)));

            long before = System.nanoTime();
            publisher.close();

            assertThat(Duration.ofNanos(System.nanoTime() - before)).isBetween(Duration.ofMillis(500),
                    Duration.ofSeconds(5));
            assertThatThrownBy(id::join).cause().isInstanceOfSatisfying(EventbusException.class,
                    e -> assertThat(e.code()).isEqualTo(Publisher.NOT_DELIVERED));
            assertThat(proxy.requests()).as("retried until the close timeout").isGreaterThan(2);
            // nothing is sent after close returns; a put sent just before it may still be on its way to the proxy
            int requests = proxy.requests();
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(proxy.requests()).as("no retries after close")
                            .isBetween(requests, requests + 1));
        }
    }

    /** Buffer of 10 events, 10 per put, one put at a time, no linger. */
    private static PublisherOptions small(PublisherOptions.WhenFull whenFull, Duration maxBlock) {
        return PublisherOptions.builder().maxBatchSize(10).bufferCapacity(10).maxInFlight(1).linger(Duration.ZERO)
                .whenFull(whenFull, maxBlock).build();
    }

    private static List<CompletableFuture<String>> publishTen(Publisher publisher) {
        List<CompletableFuture<String>> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(publisher.publish(event(Map.of("n", i))));
        }
        return ids;
    }

    static Eventbus client(FaultProxy proxy, String key) {
        return Eventbus.builder().endpoint(proxy.endpoint()).apiKey(key).build();
    }

    static Event event(Map<String, Object> detail) {
        return Event.builder().source("shop.orders").detailType("Order Placed").detail(detail).build();
    }
}
