package io.eventbus.data.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.core.role.DataRole;
import io.eventbus.data.retry.ClassifyResponse;
import io.eventbus.data.outbox.AttemptLog;
import io.eventbus.data.retry.DeliveryOutcome;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one webhook delivery with the pooled, asynchronous JDK HTTP client (HTTP/2 where the target speaks it,
 * HTTP/1.1 otherwise): the target's method, headers and timeout, the Standard Webhooks headers
 * ({@code webhook-id} is the delivery id, stable across retries), and answers with the classified outcome.
 * Thread-safe.
 */
@Singleton
@DataRole
class SendWebhook {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    private final DeliverySettings settings;
    private final Clock clock = Clock.systemUTC();

    SendWebhook(DeliverySettings settings) {
        this.settings = settings;
    }

    /** An attempt's outcome and what it looked like. */
    record Attempted(DeliveryOutcome outcome, AttemptLog log) {
    }

    CompletableFuture<Attempted> send(String deliveryId, JsonNode config, String body) {
        URI url = URI.create(config.path("url").asText());
        Optional<String> refused = EgressPolicy.refuse(url.getHost(), settings.allowPrivateNetworks());
        if (refused.isPresent()) {
            return CompletableFuture.completedFuture(new Attempted(
                    new DeliveryOutcome.Permanent("EGRESS_BLOCKED", refused.get()),
                    new AttemptLog(null, 0, "EGRESS_BLOCKED: " + refused.get(), null)));
        }
        long started = System.nanoTime();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofMillis(config.path("timeoutMillis").asLong(10_000)))
                .method(config.path("method").asText("POST"), HttpRequest.BodyPublishers.ofByteArray(bytes))
                .header("content-type", "application/json")
                .header("user-agent", "Eventbus")
                .header("webhook-id", deliveryId)
                .header("webhook-timestamp", Long.toString(timestamp));
        config.path("headers").fields().forEachRemaining(h -> request.header(h.getKey(), h.getValue().asText()));
        List<String> secrets = secrets(config);
        if (!secrets.isEmpty()) {
            request.header("webhook-signature", SignWebhook.signature(deliveryId, timestamp, bytes, secrets));
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(r -> {
                    String head = head(r.body());
                    DeliveryOutcome outcome = ClassifyResponse.status(r.statusCode(),
                            r.headers().firstValue("retry-after").orElse(null), clock.instant());
                    return new Attempted(outcome, new AttemptLog(r.statusCode(), millisSince(started),
                            outcome instanceof DeliveryOutcome.Delivered ? null : "HTTP " + r.statusCode(), head));
                })
                .exceptionally(e -> {
                    DeliveryOutcome outcome = ClassifyResponse.failure(e);
                    String error = outcome instanceof DeliveryOutcome.Retryable r ? r.errorCode() + ": " + r.errorMessage()
                            : String.valueOf(e);
                    return new Attempted(outcome, new AttemptLog(null, millisSince(started), error, null));
                });
    }

    /** The first KiB of an answer; the rest is not read. */
    private static String head(InputStream body) {
        try (InputStream in = body) {
            byte[] bytes = in.readNBytes(AttemptLog.MAX_RESPONSE_CHARS);
            return bytes.length == 0 ? null : new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
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
