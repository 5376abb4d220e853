package io.eventbus.data.egress;

import com.sun.net.httpserver.HttpServer;
import io.eventbus.core.egress.EgressPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The delivery HTTP client against a real receiver on 127.0.0.1, with and without the egress policy. */
class OutboundHttpTest {

    private HttpServer receiver;
    private OutboundHttp strict;
    private OutboundHttp open;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/ok", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "x".repeat(5000).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        receiver.createContext("/echo", exchange -> {
            byte[] body = (exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("webhook-id") + " "
                    + exchange.getRequestHeaders().getFirst("content-type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) + " from "
                    + exchange.getRemoteAddress().getPort()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("retry-after", "7");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        receiver.createContext("/close", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("connection", "close");
            byte[] body = ("from " + exchange.getRemoteAddress().getPort()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        receiver.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        receiver.start();
        strict = new OutboundHttp(new EgressPolicy(false));
        open = new OutboundHttp(new EgressPolicy(true));
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        strict.close();
        open.close();
    }

    private String url(String host, String path) {
        return "http://" + host + ":" + receiver.getAddress().getPort() + path;
    }

    @Test
    void anAllowedAddressAnswersWithStatusAndTheHeadOfTheBody() throws Exception {
        OutboundHttp.Answer answer = open.send(new OutboundRequest("GET", url("127.0.0.1", "/ok")),
                Duration.ofSeconds(5), 1024).get(10, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body()).hasSize(1024);
    }

    @Test
    void theRequestGoesAsBuiltAndTheAnswerBringsItsHeaders() throws Exception {
        OutboundHttp.Answer answer = open.send(new OutboundRequest("POST", url("127.0.0.1", "/echo?a=1&b=%20"))
                        .header("webhook-id", "d-1").body("{\"n\":1}".getBytes(StandardCharsets.UTF_8), "application/json"),
                Duration.ofSeconds(5), 1024).get(10, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Retry-After")).isEqualTo("7");
        assertThat(answer.body()).startsWith("POST /echo?a=1&b=%20 d-1 application/json {\"n\":1} from ");
    }

    @Test
    void oneConnectionCarriesCallAfterCall() throws Exception {
        Set<String> from = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            String body = open.send(new OutboundRequest("POST", url("127.0.0.1", "/echo")), Duration.ofSeconds(5), 1024)
                    .get(10, TimeUnit.SECONDS).body();
            from.add(body.substring(body.indexOf(" from ")));
        }
        assertThat(from).hasSize(1);
    }

    @Test
    void aConnectionTheServerClosesIsNotReused() throws Exception {
        Set<String> from = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            from.add(open.send(new OutboundRequest("POST", url("127.0.0.1", "/close")), Duration.ofSeconds(5), 1024)
                    .get(10, TimeUnit.SECONDS).body());
        }
        assertThat(from).hasSize(3);
    }

    @Test
    void aCallAfterATimeoutGetsItsOwnAnswer() throws Exception {
        CompletableFuture<OutboundHttp.Answer> late = open.send(new OutboundRequest("GET", url("127.0.0.1", "/slow")),
                Duration.ofMillis(200), 0);
        assertThatThrownBy(() -> late.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(InterruptedIOException.class);
        OutboundHttp.Answer next = open.send(new OutboundRequest("GET", url("127.0.0.1", "/ok")), Duration.ofSeconds(5),
                10).get(10, TimeUnit.SECONDS);
        assertThat(next.status()).isEqualTo(201);
        assertThat(next.body()).isEqualTo("xxxxxxxxxx");
    }

    @Test
    void aRequestOnAConnectionTheServerJustClosedGoesAgainOnAnother() throws Exception {
        try (OneAnswerPerConnection server = new OneAnswerPerConnection(1)) {
            String url = "http://127.0.0.1:" + server.port() + "/";
            assertThat(open.send(new OutboundRequest("POST", url), Duration.ofSeconds(5), 100).get(10, TimeUnit.SECONDS)
                    .body()).isEqualTo("ok");
            assertThat(open.send(new OutboundRequest("POST", url), Duration.ofSeconds(5), 100).get(10, TimeUnit.SECONDS)
                    .body()).isEqualTo("ok");
            assertThat(server.requests()).isEqualTo(3); // the second went twice: on the reused connection, then anew
        }
    }

    @Test
    void aNewConnectionClosedBeforeAnyAnswerFailsTheCall() throws Exception {
        try (OneAnswerPerConnection server = new OneAnswerPerConnection(0)) {
            CompletableFuture<OutboundHttp.Answer> answer = open.send(
                    new OutboundRequest("POST", "http://127.0.0.1:" + server.port() + "/"), Duration.ofSeconds(5), 100);
            assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(java.io.IOException.class).isNotInstanceOf(Exchange.Stale.class);
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    /**
     * A server that answers the first {@code answered} requests of each connection (keeping it alive) and closes the
     * connection on the next one without an answer: what a server that closes idle connections does to a request
     * that crosses its close.
     */
    private static final class OneAnswerPerConnection implements AutoCloseable {

        private final java.net.ServerSocket socket = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getLoopbackAddress());
        private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        private final Thread acceptor;

        OneAnswerPerConnection(int answered) throws java.io.IOException {
            acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (java.net.Socket connection = socket.accept()) {
                        var in = new java.io.BufferedReader(new java.io.InputStreamReader(connection.getInputStream(),
                                StandardCharsets.ISO_8859_1));
                        for (int n = 0; ; n++) {
                            int length = 0;
                            String line = in.readLine();
                            if (line == null) {
                                break;
                            }
                            while (!(line = in.readLine()).isEmpty()) {
                                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                                    length = Integer.parseInt(line.substring(15).trim());
                                }
                            }
                            in.skip(length);
                            requests.incrementAndGet();
                            if (n >= answered) {
                                break;
                            }
                            connection.getOutputStream().write("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok"
                                    .getBytes(StandardCharsets.ISO_8859_1));
                            connection.getOutputStream().flush();
                        }
                    } catch (java.io.IOException e) {
                        // closed
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int requests() {
            return requests.get();
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }

    @Test
    void aClosedPortFailsTheCall() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        CompletableFuture<OutboundHttp.Answer> answer = open.send(
                new OutboundRequest("GET", "http://127.0.0.1:" + closed + "/"), Duration.ofSeconds(5), 0);
        assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .rootCause().isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void anInternalAddressIsRefusedAtConnectTime() {
        assertRefused(strict.send(new OutboundRequest("GET", url("127.0.0.1", "/ok")), Duration.ofSeconds(5), 0));
    }

    @Test
    void aNameIsCheckedOnTheAddressItResolvedToForThisConnection() {
        assertRefused(strict.send(new OutboundRequest("GET", url("localhost", "/ok")), Duration.ofSeconds(5), 0));
    }

    @Test
    void theTimeoutBoundsTheWholeCall() {
        long started = System.nanoTime();
        CompletableFuture<OutboundHttp.Answer> answer = open.send(
                new OutboundRequest("GET", url("127.0.0.1", "/slow")), Duration.ofMillis(300), 0);
        assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(InterruptedIOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
    }

    private static void assertRefused(CompletableFuture<OutboundHttp.Answer> answer) {
        assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .rootCause().isInstanceOf(EgressRefused.class)
                .hasMessageContaining("127.0.0.1, a loopback address; set EVENTBUS_DELIVERY_ALLOW_PRIVATE_NETWORKS=true");
    }
}
