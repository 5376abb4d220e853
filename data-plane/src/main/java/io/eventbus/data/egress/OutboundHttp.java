package io.eventbus.data.egress;

import io.eventbus.core.egress.EgressPolicy;
import io.eventbus.core.role.DataRole;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.pool.ChannelPool;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one HTTP client of deliveries (webhooks, and the token endpoints of their connections), non-blocking on
 * Netty event loops of its own: no thread per call. HTTP/1.1 with keep-alive connections pooled per scheme, host
 * and port ({@link Connections}); TLS with the JVM's trust store and host name verification; no redirects
 * followed; no proxy; every connection checked by {@link EgressResolver} against the egress policy on the address it
 * actually reaches. A call's whole duration (connection, request, answer) is bounded by its timeout. Completions
 * run on an event loop: callers must not block in them. Thread-safe.
 */
@Singleton
@DataRole
public class OutboundHttp {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration IDLE_CONNECTIONS_CLOSE_AFTER = Duration.ofMinutes(5);
    /** Other connections tried after a reused one turned out closed by its server (ADR 0017). */
    private static final int STALE_RETRIES = 3;

    private final EventLoopGroup loops;
    private final ExecutorService lookups;
    private final Bootstrap bootstrap;
    private final SslContext tls;
    private final ConcurrentMap<Connections.Key, ChannelPool> pools = new ConcurrentHashMap<>();

    /** @param policy which addresses connections may reach ({@code EVENTBUS_DELIVERY_ALLOW_PRIVATE_NETWORKS}) */
    public OutboundHttp(EgressPolicy policy) {
        this.loops = new MultiThreadIoEventLoopGroup(Math.min(2, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("eventbus-http", true), NioIoHandler.newFactory());
        this.lookups = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory("eventbus-http-lookup", true));
        ((ThreadPoolExecutor) lookups).allowCoreThreadTimeOut(true);
        this.bootstrap = new Bootstrap().group(loops).channel(NioSocketChannel.class)
                .resolver(new EgressResolver(policy, lookups))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true);
        try {
            this.tls = SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("the TLS context of outbound HTTP could not be made", e);
        }
    }

    /** An answer: its status, headers and the first {@code maxBodyBytes} of its body (the rest is not kept). */
    public record Answer(int status, HttpHeaders headers, String body) {

        /** The first value of header {@code name}, or null. */
        public String header(String name) {
            return headers.get(name);
        }
    }

    /**
     * Sends {@code request}; the future fails with an {@link IOException}: an {@link EgressRefused} when the policy
     * refused the address, a {@link SocketTimeoutException} when no whole answer came within {@code timeout}.
     */
    public CompletableFuture<Answer> send(OutboundRequest request, Duration timeout, int maxBodyBytes) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        Connections.Key key = Connections.Key.of(request);
        ChannelPool pool = pools.computeIfAbsent(key, k -> Connections.pool(bootstrap, k, tls,
                IDLE_CONNECTIONS_CLOSE_AFTER));
        Future<?> deadline = loops.next().schedule(() -> answer.completeExceptionally(
                new SocketTimeoutException("no answer within " + timeout.toMillis() + " ms")),
                Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        answer.whenComplete((a, e) -> deadline.cancel(false));
        attempt(pool, request, answer, maxBodyBytes, STALE_RETRIES);
        return answer;
    }

    /** Sends on a pooled connection; again on another when a reused one turns out closed ({@link Exchange.Stale}). */
    private void attempt(ChannelPool pool, OutboundRequest request, CompletableFuture<Answer> answer, int maxBodyBytes,
                         int staleRetries) {
        pool.acquire().addListener((Future<Channel> acquired) -> {
            if (!acquired.isSuccess()) {
                answer.completeExceptionally(acquired.cause());
                return;
            }
            Channel channel = acquired.getNow();
            if (answer.isDone()) { // timed out while connecting
                pool.release(channel);
                return;
            }
            CompletableFuture<Answer> exchange = new CompletableFuture<>();
            Exchange.start(channel, pool, exchange, maxBodyBytes);
            answer.whenComplete((a, e) -> {
                if (e != null) {
                    exchange.completeExceptionally(e); // the timeout: ends the exchange, closing its connection
                }
            });
            exchange.whenComplete((a, e) -> {
                if (e instanceof Exchange.Stale && staleRetries > 0 && !answer.isDone()) {
                    attempt(pool, request, answer, maxBodyBytes, staleRetries - 1);
                } else if (e != null) {
                    answer.completeExceptionally(e instanceof Exchange.Stale ? e.getCause() : e);
                } else {
                    answer.complete(a);
                }
            });
            channel.writeAndFlush(nettyRequest(request)).addListener(written -> {
                if (!written.isSuccess()) {
                    Exchange.fail(channel, written.cause());
                }
            });
        });
    }

    private static FullHttpRequest nettyRequest(OutboundRequest request) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(request.method()),
                request.target(), Unpooled.wrappedBuffer(request.body()));
        HttpHeaders headers = r.headers();
        headers.set(HttpHeaderNames.HOST, request.hostHeader());
        request.headers().forEach(headers::set);
        if (request.body().length > 0 || !"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, request.body().length);
        }
        return r;
    }

    @PreDestroy
    public void close() {
        pools.values().forEach(ChannelPool::close);
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        lookups.shutdownNow();
    }
}
