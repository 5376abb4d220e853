package io.eventbus.data.egress;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.ChannelPool;
import io.netty.channel.pool.SimpleChannelPool;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

import javax.net.ssl.SSLParameters;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The pooled connections of {@link OutboundHttp}: one pool per scheme, host and port; the most recently used idle
 * connection first (so few stay warm); a connection is checked open before reuse and closed after it idled for a
 * while. Each connection's pipeline: TLS for https (the host name verified), the HTTP/1.1 codec and
 * {@link Exchange.Reader}.
 */
final class Connections {

    /** Where a pool's connections go; the host without the brackets of an IPv6 literal. */
    record Key(boolean secure, String host, int port) {

        static Key of(OutboundRequest request) {
            String host = request.url().getHost();
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return new Key(request.secure(), host, request.port());
        }
    }

    private Connections() {
    }

    static ChannelPool pool(Bootstrap bootstrap, Key key, SslContext tls, Duration closeIdleAfter) {
        Bootstrap to = bootstrap.clone().remoteAddress(InetSocketAddress.createUnresolved(key.host(), key.port()));
        return new SimpleChannelPool(to, new AbstractChannelPoolHandler() {
            @Override
            public void channelCreated(Channel channel) {
                ChannelPipeline pipeline = channel.pipeline();
                pipeline.addLast(new IdleStateHandler(0, 0, closeIdleAfter.toSeconds(), TimeUnit.SECONDS));
                pipeline.addLast(new CloseWhenIdle());
                if (key.secure()) {
                    SslHandler ssl = tls.newHandler(channel.alloc(), key.host(), key.port());
                    SSLParameters parameters = ssl.engine().getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    ssl.engine().setSSLParameters(parameters);
                    pipeline.addLast(ssl);
                }
                pipeline.addLast(new HttpClientCodec());
                pipeline.addLast(new Exchange.Reader());
            }
        }, ChannelHealthChecker.ACTIVE, true, true);
    }

    private static final class CloseWhenIdle extends ChannelDuplexHandler {

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof IdleStateEvent) {
                ctx.close();
            } else {
                super.userEventTriggered(ctx, event);
            }
        }
    }
}
