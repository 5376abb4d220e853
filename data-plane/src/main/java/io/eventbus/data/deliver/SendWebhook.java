package io.eventbus.data.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.core.role.DataRole;
import io.eventbus.data.retry.ClassifyResponse;
import io.eventbus.data.retry.DeliveryOutcome;
import jakarta.inject.Singleton;

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

    CompletableFuture<DeliveryOutcome> send(String deliveryId, JsonNode config, String body) {
        URI url = URI.create(config.path("url").asText());
        Optional<String> refused = EgressPolicy.refuse(url.getHost(), settings.allowPrivateNetworks());
        if (refused.isPresent()) {
            return CompletableFuture.completedFuture(new DeliveryOutcome.Permanent("EGRESS_BLOCKED", refused.get()));
        }
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
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .thenApply(r -> ClassifyResponse.status(r.statusCode(), r.headers().firstValue("retry-after").orElse(null),
                        clock.instant()))
                .exceptionally(ClassifyResponse::failure);
    }

    private static List<String> secrets(JsonNode config) {
        List<String> secrets = new ArrayList<>();
        if (config.hasNonNull("signingSecret")) {
            secrets.add(config.get("signingSecret").asText());
        }
        return secrets;
    }
}
