package io.eventbus.data.egress;

import com.sun.net.httpserver.HttpServer;
import io.eventbus.core.egress.EgressPolicy;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
        OutboundHttp.Answer answer = open.send(new Request.Builder().url(url("127.0.0.1", "/ok")).build(),
                Duration.ofSeconds(5), 1024).get(10, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body()).hasSize(1024);
    }

    @Test
    void anInternalAddressIsRefusedAtConnectTime() {
        assertRefused(strict.send(new Request.Builder().url(url("127.0.0.1", "/ok")).build(), Duration.ofSeconds(5), 0));
    }

    @Test
    void aNameIsCheckedOnTheAddressItResolvedToForThisConnection() {
        assertRefused(strict.send(new Request.Builder().url(url("localhost", "/ok")).build(), Duration.ofSeconds(5), 0));
    }

    @Test
    void theTimeoutBoundsTheWholeCall() {
        long started = System.nanoTime();
        CompletableFuture<OutboundHttp.Answer> answer = open.send(
                new Request.Builder().url(url("127.0.0.1", "/slow")).build(), Duration.ofMillis(300), 0);
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
