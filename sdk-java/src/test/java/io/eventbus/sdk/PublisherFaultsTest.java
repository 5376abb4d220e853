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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static io.eventbus.sdk.PublisherTest.client;
import static io.eventbus.sdk.PublisherTest.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Publisher} against the real server through a {@link FaultProxy} that answers 503 or 429 itself, or
 * forwards a put and drops the connection without answering (the events are stored; the publisher does not know):
 * nothing is lost and nothing is stored twice.
 */
class PublisherFaultsTest {

    static RunningEventbus server;

    @BeforeAll
    static void theServer() {
        server = RunningEventbus.get();
    }

    @Test
    void noAnswerAnd503NeitherLoseNorDuplicateEvents() throws Exception {
        String key = StoredEvents.newBusAndKey(server, "sdk-pub-faults");
        int threads = 4;
        int eachThread = 60;
        // Per batch (known by its first idempotency key), by the order in which batches first arrive: one in three
        // gets 503 and then has its connection dropped after the server stored it, one in three only the dropped
        // connection, one in three nothing; every later attempt is forwarded.
        Map<String, Integer> attempts = new ConcurrentHashMap<>();
        AtomicInteger batches = new AtomicInteger();
        Map<String, Integer> kind = new ConcurrentHashMap<>();
        FaultProxy.Plan plan = (earlier, body) -> {
            String firstKey = Json.read("put", body).path("entries").path(0).path("idempotencyKey").asText();
            int kindOf = kind.computeIfAbsent(firstKey, k -> batches.getAndIncrement() % 3);
            int attempt = attempts.merge(firstKey, 1, Integer::sum);
            return switch (kindOf) {
                case 0 -> attempt == 1 ? FaultProxy.Fault.ANSWER_503
                        : attempt == 2 ? FaultProxy.Fault.FORWARD_THEN_DROP : FaultProxy.Fault.FORWARD;
                case 1 -> attempt == 1 ? FaultProxy.Fault.FORWARD_THEN_DROP : FaultProxy.Fault.FORWARD;
                default -> FaultProxy.Fault.FORWARD;
            };
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (FaultProxy proxy = new FaultProxy(server.endpoint(), plan);
             Publisher publisher = client(proxy, key).publisher("sdk-pub-faults", PublisherOptions.builder()
                     .maxBatchSize(10).backoff(Duration.ofMillis(10), Duration.ofMillis(100)).build())) {
            List<Future<List<CompletableFuture<String>>>> published = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                published.add(pool.submit(() -> IntStream.range(0, eachThread)
                        .mapToObj(i -> publisher.publish(event(Map.of("seq", thread * eachThread + i)))).toList()));
            }
            List<CompletableFuture<String>> futures = new ArrayList<>();
            for (Future<List<CompletableFuture<String>>> each : published) {
                futures.addAll(each.get(30, TimeUnit.SECONDS));
            }

            publisher.flush();

            int events = threads * eachThread;
            Set<String> answered = new HashSet<>();
            futures.forEach(future -> answered.add(future.join()));
            assertThat(answered).as("every future has its own id").hasSize(events);
            assertThat(proxy.count(FaultProxy.Fault.ANSWER_503)).isPositive();
            assertThat(proxy.count(FaultProxy.Fault.FORWARD_THEN_DROP)).isPositive();

            List<String> stored = StoredEvents.ids(server, "sdk-pub-faults");
            assertThat(stored).containsExactlyInAnyOrderElementsOf(answered);
            Map<Integer, Integer> copies = new ConcurrentHashMap<>();
            stored.parallelStream().map(id -> StoredEvents.detail(server, id))
                    .forEach(detail -> copies.merge(detail.path("seq").asInt(-1), 1, Integer::sum));
            assertThat(copies).as("each event stored exactly once, by its detail's seq").hasSize(events)
                    .allSatisfy((seq, n) -> assertThat(n).isEqualTo(1));
            assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(IntStream.range(0, events).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void retries429And503UntilStored() throws Exception {
        String key = StoredEvents.newBusAndKey(server, "sdk-pub-retry");
        FaultProxy.Plan plan = (earlier, body) -> earlier == 0 ? FaultProxy.Fault.ANSWER_429
                : earlier == 1 ? FaultProxy.Fault.ANSWER_503 : FaultProxy.Fault.FORWARD;
        try (FaultProxy proxy = new FaultProxy(server.endpoint(), plan);
             Publisher publisher = client(proxy, key).publisher("sdk-pub-retry", PublisherOptions.builder()
                     .backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build())) {
            String id = publisher.publish(event(Map.of("n", 1))).get(10, TimeUnit.SECONDS);

            assertThat(StoredEvents.ids(server, "sdk-pub-retry")).containsExactly(id);
            assertThat(proxy.requests()).isEqualTo(3);
        }
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastProblem() throws Exception {
        String key = StoredEvents.newBusAndKey(server, "sdk-pub-attempts");
        try (FaultProxy proxy = new FaultProxy(server.endpoint(), (earlier, body) -> FaultProxy.Fault.ANSWER_503);
             Publisher publisher = client(proxy, key).publisher("sdk-pub-attempts", PublisherOptions.builder()
                     .maxAttempts(3).backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build())) {
            CompletableFuture<String> id = publisher.publish(event(Map.of("n", 1)));

            publisher.flush();

            assertThatThrownBy(id::join).cause().isInstanceOfSatisfying(EventbusException.class, e -> {
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.isRetryable()).isTrue();
            });
            assertThat(proxy.requests()).isEqualTo(3);
        }
    }

    @Test
    void givesUpAfterTheRetryTimeout() throws Exception {
        String key = StoredEvents.newBusAndKey(server, "sdk-pub-timeout");
        try (FaultProxy proxy = new FaultProxy(server.endpoint(), (earlier, body) -> FaultProxy.Fault.ANSWER_503);
             Publisher publisher = client(proxy, key).publisher("sdk-pub-timeout", PublisherOptions.builder()
                     .maxAttempts(1000).retryTimeout(Duration.ofMillis(300))
                     .backoff(Duration.ofMillis(20), Duration.ofMillis(40)).build())) {
            CompletableFuture<String> id = publisher.publish(event(Map.of("n", 1)));

            long before = System.nanoTime();
            publisher.flush();

            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
            assertThatThrownBy(id::join).cause().isInstanceOfSatisfying(EventbusException.class,
                    e -> assertThat(e.status()).isEqualTo(503));
            assertThat(proxy.requests()).isBetween(3, 20);
        }
    }
}
