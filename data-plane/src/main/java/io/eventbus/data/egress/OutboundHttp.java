package io.eventbus.data.egress;

import io.eventbus.core.egress.EgressPolicy;
import io.eventbus.core.role.DataRole;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.io.InputStream;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one HTTP client of deliveries (webhooks, and the token endpoints of their connections): pooled
 * connections, HTTP/2 where TLS negotiates it (HTTP/1.1 otherwise, and on cleartext), no redirects followed, no
 * proxy, and every connection checked by {@link EgressSocketFactory} against the egress policy on the address it
 * actually connects to. A call's whole duration (connect, send, answer) is bounded by its timeout. Thread-safe.
 */
@Singleton
@DataRole
public class OutboundHttp {

    private final OkHttpClient client;

    /** Calls at once at most; deliveries are bounded before they get here (eventbus.delivery.max-in-flight). */
    private static final int MAX_CALLS = 4096;

    /** @param policy which addresses connections may reach ({@code EVENTBUS_DELIVERY_ALLOW_PRIVATE_NETWORKS}) */
    public OutboundHttp(EgressPolicy policy) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(MAX_CALLS);
        dispatcher.setMaxRequestsPerHost(MAX_CALLS);
        this.client = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(256, 5, TimeUnit.MINUTES))
                .socketFactory(new EgressSocketFactory(policy))
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .build();
    }

    /** An answer: its status, headers and the first {@code maxBodyBytes} of its body (the rest is not read). */
    public record Answer(int status, Headers headers, String body) {
    }

    /**
     * Sends {@code request}; the future fails with the {@link IOException} of the call (an {@link EgressRefused}
     * when the policy refused the address, an {@link java.io.InterruptedIOException} on timeout).
     */
    public CompletableFuture<Answer> send(Request request, Duration timeout, int maxBodyBytes) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        Call call = client.newCall(request);
        call.timeout().timeout(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call failed, IOException e) {
                answer.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call done, Response response) {
                try (response) {
                    answer.complete(new Answer(response.code(), response.headers(), head(response.body(), maxBodyBytes)));
                } catch (RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            }
        });
        return answer;
    }

    private static String head(ResponseBody body, int maxBytes) {
        if (body == null || maxBytes <= 0) {
            return null;
        }
        try (InputStream in = body.byteStream()) {
            byte[] bytes = in.readNBytes(maxBytes);
            return bytes.length == 0 ? null : new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    @PreDestroy
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
