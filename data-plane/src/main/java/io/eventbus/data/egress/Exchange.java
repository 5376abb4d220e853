package io.eventbus.data.egress;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.pool.ChannelPool;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request and its answer on a pooled connection: it ends once, by a whole answer (the connection goes back to
 * its pool, or is closed when the server does not keep it alive) or by a failure, including the caller's timeout
 * (the connection is closed: a late answer must not reach the next exchange). Thread-safe.
 */
final class Exchange {

    private static final AttributeKey<Exchange> CURRENT = AttributeKey.valueOf("eventbus.exchange");
    private static final AttributeKey<Boolean> USED = AttributeKey.valueOf("eventbus.used");

    /**
     * A reused connection failed before any answer came: most likely the server had just closed it as idle (a race
     * every keep-alive client meets), so the request may go again on another connection.
     */
    static final class Stale extends IOException {

        Stale(Throwable cause) {
            super("a reused connection failed before any answer: " + cause, cause);
        }
    }

    private final Channel channel;
    private final ChannelPool pool;
    private final CompletableFuture<OutboundHttp.Answer> answer;
    private final int maxBodyBytes;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final boolean reused;
    private HttpResponse head;
    private ByteArrayOutputStream body;

    private Exchange(Channel channel, ChannelPool pool, CompletableFuture<OutboundHttp.Answer> answer,
                     int maxBodyBytes) {
        this.channel = channel;
        this.pool = pool;
        this.answer = answer;
        this.maxBodyBytes = maxBodyBytes;
        this.reused = channel.attr(USED).getAndSet(true) != null;
    }

    /** Makes {@code channel}'s next answer complete {@code answer}; a timeout that completes it first closes it. */
    static void start(Channel channel, ChannelPool pool, CompletableFuture<OutboundHttp.Answer> answer,
                      int maxBodyBytes) {
        Exchange exchange = new Exchange(channel, pool, answer, maxBodyBytes);
        channel.attr(CURRENT).set(exchange);
        answer.whenComplete((a, error) -> {
            if (error != null) {
                exchange.end(null, error);
            }
        });
    }

    /** Ends the exchange under way on {@code channel}, if any, with {@code cause}. */
    static void fail(Channel channel, Throwable cause) {
        Exchange exchange = channel.attr(CURRENT).get();
        if (exchange != null) {
            exchange.end(null, cause);
        }
    }

    /** Ends once: the answer, or (null and) an error; the connection is reused only after a whole kept-alive answer. */
    private void end(OutboundHttp.Answer whole, Throwable error) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        channel.attr(CURRENT).compareAndSet(this, null);
        if (whole != null && HttpUtil.isKeepAlive(head)) {
            pool.release(channel);
        } else {
            channel.close().addListener(closed -> pool.release(channel));
        }
        if (whole != null) {
            answer.complete(whole);
        } else if (reused && head == null && error instanceof IOException && !(error instanceof SocketTimeoutException)) {
            answer.completeExceptionally(new Stale(error));
        } else {
            answer.completeExceptionally(error);
        }
    }

    private void read(HttpObject message) {
        if (message instanceof HttpResponse response) {
            head = response;
            body = maxBodyBytes > 0 ? new ByteArrayOutputStream() : null;
        }
        if (message instanceof HttpContent content && body != null && body.size() < maxBodyBytes) {
            ByteBuf bytes = content.content();
            int take = Math.min(bytes.readableBytes(), maxBodyBytes - body.size());
            byte[] chunk = new byte[take];
            bytes.getBytes(bytes.readerIndex(), chunk);
            body.write(chunk, 0, take);
        }
        if (message instanceof LastHttpContent && head != null) {
            String text = body == null || body.size() == 0 ? null : body.toString(StandardCharsets.UTF_8);
            end(new OutboundHttp.Answer(head.status().code(), head.headers(), text), null);
        }
    }

    /** The last handler of every pooled connection: gives what it reads to the exchange under way. */
    static final class Reader extends SimpleChannelInboundHandler<HttpObject> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
            Exchange exchange = ctx.channel().attr(CURRENT).get();
            if (exchange == null) {
                ctx.close(); // an answer nobody asked for (or after a timeout): the connection is not trusted
                return;
            }
            exchange.read(message);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            fail(ctx.channel(), new IOException("the connection closed before a whole answer came"));
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx.channel(), cause);
            ctx.close();
        }
    }
}
