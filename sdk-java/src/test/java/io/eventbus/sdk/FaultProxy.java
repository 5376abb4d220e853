package io.eventbus.sdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP proxy on a free loopback port in front of the real server, for the publisher's fault tests: for
 * each request a {@link Plan} decides whether it is forwarded as it is, answered by the proxy itself with 503 or
 * 429 (nothing reaches the server), forwarded and then left without an answer (the server stored the events, the
 * client sees its connection dropped), or held until {@link #release()}. It counts the requests per fault.
 */
final class FaultProxy implements AutoCloseable {

    enum Fault { FORWARD, ANSWER_503, ANSWER_429, FORWARD_THEN_DROP, HOLD }

    /** Decides the fault of a request from its body (JSON text) and how many requests came before it. */
    interface Plan {
        Fault decide(int earlierRequests, String body);
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final URI target;
    private final Plan plan;
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<Fault, AtomicInteger> faults = new ConcurrentHashMap<>();
    private final CountDownLatch gate = new CountDownLatch(1);

    FaultProxy(URI target, Plan plan) throws IOException {
        this.target = target;
        this.plan = plan;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** Forwards everything; counts the requests. */
    static FaultProxy forwarding(URI target) throws IOException {
        return new FaultProxy(target, (earlier, body) -> Fault.FORWARD);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int requests() {
        return requests.get();
    }

    int count(Fault fault) {
        return faults.getOrDefault(fault, new AtomicInteger()).get();
    }

    /** Lets the held requests (and those to come) through. */
    void release() {
        gate.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            Fault fault = plan.decide(requests.getAndIncrement(), new String(body, StandardCharsets.UTF_8));
            faults.computeIfAbsent(fault, f -> new AtomicInteger()).incrementAndGet();
            switch (fault) {
                case ANSWER_503 -> answer(exchange, 503, problem(503, "Unavailable"), "application/problem+json");
                case ANSWER_429 -> answer(exchange, 429, problem(429, "Throttled"), "application/problem+json");
                case FORWARD_THEN_DROP -> forward(exchange, body);
                    // the exchange closes without an answer: the proxy drops the connection
                case HOLD -> {
                    gate.await();
                    HttpResponse<byte[]> response = forward(exchange, body);
                    answer(exchange, response.statusCode(), response.body(), contentType(response));
                }
                case FORWARD -> {
                    HttpResponse<byte[]> response = forward(exchange, body);
                    answer(exchange, response.statusCode(), response.body(), contentType(response));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : List.of("Authorization", "Content-Type", "Accept")) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("application/json");
    }

    private static byte[] problem(int status, String code) {
        return ("{\"status\": " + status + ", \"code\": \"" + code + "\", \"detail\": \"from the fault proxy\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void answer(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
