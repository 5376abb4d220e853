package io.eventbus.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@link QueueConsumer} against the real server: queues, API keys and rules set up through the admin API. */
class QueueConsumerTest {

    static RunningEventbus server;
    static final AtomicInteger QUEUES = new AtomicInteger();
    final List<QueueConsumer> consumers = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = RunningEventbus.get();
    }

    @AfterEach
    void closeConsumers() {
        consumers.forEach(QueueConsumer::close);
    }

    @Test
    void handlesEveryMessageOnceWithSeveralHandlersAtOnceAndDeletesIt() {
        String queue = newQueue(30);
        Eventbus client = keyFor(queue);
        int count = 150;
        for (int i = 0; i < count; i++) {
            send(client, queue, "m-" + i);
        }
        Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();

        start(client.queueConsumer(queue, message -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                handled.computeIfAbsent(message.body(), b -> new AtomicInteger()).incrementAndGet();
                assertThat(message.receiveCount()).isEqualTo(1);
                assertThat(message.messageId()).isNotBlank();
                assertThat(message.sentAt()).isNotNull();
                // long enough for the other handler threads to start meanwhile
                await().pollDelay(Duration.ofMillis(5)).until(() -> true);
            } finally {
                running.decrementAndGet();
            }
        }, QueueConsumerOptions.builder().concurrency(4).maxMessagesPerReceive(10).build()));

        await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() == count && depth(queue) == 0);
        assertThat(handled.values()).allSatisfy(n -> assertThat(n.get()).as("handled once").isEqualTo(1));
        assertThat(mostAtOnce.get()).as("handlers at once").isBetween(2, 4);
    }

    @Test
    void theMessageOfAHandlerThatThrewComesBackAndIsThenHandled() {
        String queue = newQueue(30);
        Eventbus client = keyFor(queue);
        send(client, queue, "{\"fails\": \"once\"}", Map.of("kind", "test"));
        List<Integer> receiveCounts = new CopyOnWriteArrayList<>();

        start(client.queueConsumer(queue, message -> {
            receiveCounts.add(message.receiveCount());
            assertThat(message.attributes()).containsEntry("kind", "test");
            if (message.receiveCount() == 1) {
                throw new IllegalStateException("the first attempt fails");
            }
        }, QueueConsumerOptions.builder().visibilityTimeout(Duration.ofSeconds(2)).build()));

        await().atMost(Duration.ofSeconds(20)).until(() -> receiveCounts.size() == 2 && depth(queue) == 0);
        assertThat(receiveCounts).containsExactly(1, 2);
    }

    @Test
    void withAFailedMessageDelayOfZeroItComesBackAtOnceInsteadOfAfterTheVisibilityTimeout() {
        String queue = newQueue(300);
        Eventbus client = keyFor(queue);
        send(client, queue, "fails once");
        List<Integer> receiveCounts = new CopyOnWriteArrayList<>();

        start(client.queueConsumer(queue, message -> {
            receiveCounts.add(message.receiveCount());
            if (message.receiveCount() == 1) {
                throw new IllegalStateException("the first attempt fails");
            }
        }, QueueConsumerOptions.builder().visibilityTimeout(Duration.ofSeconds(300))
                .failedMessageDelay(Duration.ZERO).build()));

        await().atMost(Duration.ofSeconds(15)).until(() -> receiveCounts.size() == 2 && depth(queue) == 0);
        assertThat(receiveCounts).containsExactly(1, 2);
    }

    @Test
    void aHandlerSlowerThanTheVisibilityTimeoutKeepsItsMessageHidden() throws Exception {
        String queue = newQueue(2);
        Eventbus client = keyFor(queue);
        send(client, queue, "slow");
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);

        start(client.queueConsumer(queue, message -> {
            calls.incrementAndGet();
            release.await(60, TimeUnit.SECONDS);
        }, QueueConsumerOptions.builder().concurrency(2).visibilityTimeout(Duration.ofSeconds(2))
                .extendBefore(Duration.ofSeconds(1)).build()));
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 1);
        // a second consumer of the same queue, once the first has the message: it would get the message if its
        // visibility ran out
        AtomicInteger elsewhere = new AtomicInteger();
        start(client.queueConsumer(queue, message -> elsewhere.incrementAndGet(),
                QueueConsumerOptions.builder().waitTime(Duration.ofSeconds(1)).build()));

        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8))
                .until(() -> calls.get() == 1 && elsewhere.get() == 0);
        release.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> depth(queue) == 0);
        assertThat(calls.get() + elsewhere.get()).isEqualTo(1);
    }

    @Test
    void closeLetsTheRunningHandlerFinishAndDeleteThenReceivesNothingMore() {
        String queue = newQueue(2);
        Eventbus client = keyFor(queue);
        send(client, queue, "running at close");
        List<String> finished = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        QueueConsumer consumer = start(client.queueConsumer(queue, message -> {
            started.countDown();
            release.await(60, TimeUnit.SECONDS);
            finished.add(message.body());
        }, QueueConsumerOptions.builder().waitTime(Duration.ofSeconds(20)).build()));
        await().atMost(Duration.ofSeconds(10)).until(() -> started.getCount() == 0);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(consumer::close);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !closing.isDone());
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(closing::isDone);

        assertThat(finished).containsExactly("running at close");
        assertThat(depth(queue)).as("deleted before close returned").isZero();
        assertThat(threadsOf(queue)).as("the consumer's threads have ended").isEmpty();
        send(client, queue, "after close");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> finished.size() == 1);
        List<String> leftOver = new CopyOnWriteArrayList<>();
        start(client.queueConsumer(queue, message -> leftOver.add(message.body())));
        await().atMost(Duration.ofSeconds(15)).until(() -> leftOver.contains("after close"));
    }

    @Test
    void eventsThatARuleSendsToTheQueueArriveAsMessagesWhoseBodyIsTheEvent() {
        String queue = newQueue(30);
        String bus = queue + "-bus";
        server.admin("POST", "/v1/buses", "{\"name\": \"" + bus + "\"}");
        server.admin("PUT", "/v1/buses/" + bus + "/rules/to-queue", """
                {"eventPattern": {"source": ["sdk.consumer"]},
                 "targets": [{"id": "queue", "type": "queue", "queue": {"name": "%s"}}]}""".formatted(queue));
        Eventbus client = server.withNewApiKey(queue + "-key", "[\"" + bus + "\"]", "[\"" + queue + "\"]");
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(Event.builder().source("sdk.consumer").detailType("Test").detail(Map.of("n", i)).build());
        }
        PutEventsResult put = client.putEvents(bus, events);
        Map<String, JsonNode> received = new ConcurrentHashMap<>();

        start(client.queueConsumer(queue, message -> {
            JsonNode event = Json.read("body", message.body());
            received.put(event.path("id").asText(), event);
        }));

        Set<String> ids = Set.copyOf(put.entries().stream().map(PutEventsResultEntry::eventId).toList());
        await().atMost(Duration.ofSeconds(30)).until(() -> received.keySet().equals(ids) && depth(queue) == 0);
        assertThat(received.values()).allSatisfy(event -> {
            assertThat(event.path("source").asText()).isEqualTo("sdk.consumer");
            assertThat(event.path("detail-type").asText()).isEqualTo("Test");
            assertThat(event.path("detail").has("n")).isTrue();
        });
    }

    private QueueConsumer start(QueueConsumer consumer) {
        consumers.add(consumer);
        consumer.start();
        return consumer;
    }

    /** A queue of this test's own, with {@code visibilitySeconds} as its default. */
    static String newQueue(int visibilitySeconds) {
        String name = "sdk-consumer-" + QUEUES.incrementAndGet();
        server.admin("POST", "/v1/queues", "{\"name\": \"" + name + "\", \"visibilityTimeoutSeconds\": "
                + visibilitySeconds + "}");
        return name;
    }

    static Eventbus keyFor(String queue) {
        return server.withNewApiKey(queue + "-consumer", "[]", "[\"" + queue + "\"]");
    }

    static void send(Eventbus client, String queue, String body) {
        send(client, queue, body, Map.of());
    }

    static void send(Eventbus client, String queue, String body, Map<String, String> attributes) {
        client.transport().send("POST", "/v1/queues/" + queue + "/messages",
                Map.of("body", body, "attributes", attributes), JsonNode.class);
    }

    /** Messages on the queue, visible or received and not yet deleted. */
    static long depth(String queue) {
        JsonNode depth = Json.read("answer", server.admin("GET", "/v1/queues/" + queue, null)).path("depth");
        return depth.path("visible").asLong() + depth.path("inFlight").asLong();
    }

    static List<String> threadsOf(String queue) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("eventbus-queue-" + queue + "-")).toList();
    }
}
