package io.eventbus.data.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.core.role.DataRole;
import io.eventbus.core.target.WebhookConfig;
import io.eventbus.data.egress.OutboundHttp;
import io.eventbus.data.outbox.AttemptLog;
import io.eventbus.data.retry.ClassifyResponse;
import io.eventbus.data.retry.DeliveryOutcome;
import jakarta.inject.Singleton;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one webhook delivery through {@link OutboundHttp} (pooled; HTTP/2 where TLS negotiates it; the egress
 * policy checked on the address each connection reaches): the target's method, headers and timeout, the Standard
 * Webhooks headers ({@code webhook-id} is the delivery id, stable across retries), and answers with the classified
 * outcome. Thread-safe.
 */
@Singleton
@DataRole
class SendWebhook {

    private static final MediaType JSON = MediaType.get("application/json");

    private final OutboundHttp http;
    private final Clock clock = Clock.systemUTC();

    SendWebhook(OutboundHttp http) {
        this.http = http;
    }

    /** An attempt's outcome and what it looked like. */
    record Attempted(DeliveryOutcome outcome, AttemptLog log) {
    }

    CompletableFuture<Attempted> send(String deliveryId, JsonNode config, String body) {
        long started = System.nanoTime();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        Request.Builder request = new Request.Builder().url(config.path("url").asText())
                .method(config.path("method").asText(WebhookConfig.DEFAULT_METHOD), RequestBody.create(bytes, JSON))
                .header("user-agent", "Eventbus")
                .header("webhook-id", deliveryId)
                .header("webhook-timestamp", Long.toString(timestamp));
        config.path("headers").fields().forEachRemaining(h -> request.header(h.getKey(), h.getValue().asText()));
        List<String> secrets = secrets(config);
        if (!secrets.isEmpty()) {
            request.header("webhook-signature", SignWebhook.signature(deliveryId, timestamp, bytes, secrets));
        }
        Duration timeout = Duration.ofMillis(config.path("timeoutMillis").asLong(WebhookConfig.DEFAULT_TIMEOUT_MILLIS));
        return http.send(request.build(), timeout, AttemptLog.MAX_RESPONSE_CHARS)
                .thenApply(r -> {
                    DeliveryOutcome outcome = ClassifyResponse.status(r.status(), r.headers().get("retry-after"),
                            clock.instant());
                    return new Attempted(outcome, new AttemptLog(r.status(), millisSince(started),
                            outcome instanceof DeliveryOutcome.Delivered ? null : "HTTP " + r.status(), r.body()));
                })
                .exceptionally(e -> {
                    DeliveryOutcome outcome = ClassifyResponse.failure(e);
                    String error = outcome instanceof DeliveryOutcome.Retryable r ? r.errorCode() + ": " + r.errorMessage()
                            : outcome instanceof DeliveryOutcome.Permanent p ? p.errorCode() + ": " + p.errorMessage()
                            : String.valueOf(e);
                    return new Attempted(outcome, new AttemptLog(null, millisSince(started), error, null));
                });
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static List<String> secrets(JsonNode config) {
        List<String> secrets = new ArrayList<>();
        if (config.hasNonNull("signingSecret")) {
            secrets.add(config.get("signingSecret").asText());
        }
        return secrets;
    }
}
