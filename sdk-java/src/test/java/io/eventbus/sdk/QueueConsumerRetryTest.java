package io.eventbus.sdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How {@link QueueConsumer} rides out a server that refuses for a while: the answers the real server gives under
 * load (503 when too many long polls wait, as {@code eventbus.queue.max-long-polls} sets), played by a small HTTP
 * server in this test, since the shared test server cannot be made to give them on demand.
 */
class QueueConsumerRetryTest {

    static final String HANDLE = "A".repeat(43);
    static final String UNAVAILABLE = "{\"type\": \"about:blank\", \"title\": \"Service Unavailable\", \"status\": 503,"
            + " \"code\": \"Unavailable\", \"detail\": \"1000 receives are waiting for messages on this server already\"}";

    HttpServer stub;
    ExecutorService stubThreads = Executors.newCachedThreadPool();
    final CountDownLatch stubStopping = new CountDownLatch(1);
    final List<Long> receives = new CopyOnWriteArrayList<>();
    final List<String> deletes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startStub() throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.setExecutor(stubThreads);
        stub.createContext("/v1/queues/q/messages", this::answer);
        stub.start();
    }

    @AfterEach
    void stopStub() {
        stubStopping.countDown();
        stub.stop(0);
        stubThreads.shutdownNow();
    }

    /** Receives 1-3 and the first delete: 503. Receive 4: one message. Later receives: a long poll with nothing. */
    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        exchange.getRequestBody().readAllBytes();
        if (path.endsWith(":receive")) {
            receives.add(System.nanoTime());
            int n = receives.size();
            if (n <= 3) {
                reply(exchange, 503, UNAVAILABLE);
            } else if (n == 4) {
                reply(exchange, 200, "{\"messages\": [{\"messageId\": \"0b9e0a53-4c1a-4f5e-9a55-1f1d0e0c0a01\","
                        + " \"receiptHandle\": \"" + HANDLE + "\", \"body\": \"hello\", \"attributes\": {},"
                        + " \"receiveCount\": 1, \"sentAt\": \"2026-12-06T10:00:00Z\", \"newField\": true}]}");
            } else {
                awaitQuietly(Duration.ofSeconds(2)); // what a long poll of an empty queue does
                reply(exchange, 200, "{\"messages\": []}");
            }
        } else if ("DELETE".equals(exchange.getRequestMethod())) {
            deletes.add(path.substring(path.lastIndexOf('/') + 1));
            if (deletes.size() == 1) {
                reply(exchange, 503, UNAVAILABLE);
            } else {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            }
        } else {
            reply(exchange, 404, "{\"status\": 404, \"code\": \"NotFound\", \"detail\": \"not in this test\"}");
        }
    }

    @Test
    void refusedReceivesAndDeletesAreTriedAgainAfterGrowingPausesAndTheMessageIsHandledOnce() {
        List<String> handled = new CopyOnWriteArrayList<>();
        Eventbus client = Eventbus.builder().endpoint(URI.create("http://127.0.0.1:" + stub.getAddress().getPort()))
                .apiKey("eb_key_test").build();

        try (QueueConsumer consumer = client.queueConsumer("q", message -> handled.add(message.body()))) {
            consumer.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> deletes.size() == 2);
        }

        assertThat(handled).containsExactly("hello");
        assertThat(deletes).containsExactly(HANDLE, HANDLE);
        // backoff from 100 ms, doubling, with jitter down to half: at least 50, 100 and 200 ms between the tries
        assertThat(millisBetween(0, 1)).isGreaterThanOrEqualTo(50);
        assertThat(millisBetween(1, 2)).isGreaterThanOrEqualTo(100);
        assertThat(millisBetween(2, 3)).isGreaterThanOrEqualTo(200);
    }

    @Test
    void closeDuringBackoffReturnsAtOnceAndEndsTheThreads() {
        Eventbus client = Eventbus.builder().endpoint(URI.create("http://127.0.0.1:" + stub.getAddress().getPort()))
                .apiKey("eb_key_test").build();
        QueueConsumer consumer = client.queueConsumer("q", message -> { });
        consumer.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> receives.size() >= 2);

        long start = System.nanoTime();
        consumer.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(QueueConsumerTest.threadsOf("q")).isEmpty();
    }

    private long millisBetween(int first, int second) {
        return TimeUnit.NANOSECONDS.toMillis(receives.get(second) - receives.get(first));
    }

    private void awaitQuietly(Duration duration) {
        try {
            stubStopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
