package io.eventbus.data.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.core.role.DataRole;
import io.eventbus.core.secret.SecretUnreadable;
import io.eventbus.core.target.WebhookConfig;
import io.eventbus.core.target.WebhookRequest;
import io.eventbus.core.transform.ShapeInput;
import io.eventbus.data.deliver.ApplyConnection.Credentials;
import io.eventbus.data.deliver.LoadDelivery.Loaded;
import io.eventbus.data.outbox.AttemptLog;
import io.eventbus.data.retry.ClassifyResponse;
import io.eventbus.data.retry.DeliveryOutcome;
import jakarta.inject.Singleton;

import io.eventbus.data.egress.OutboundHttp;
import io.eventbus.data.egress.OutboundRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Sends one webhook delivery through {@link OutboundHttp} (non-blocking, pooled; the egress policy checked on the
 * address each connection reaches): the request {@link WebhookRequest} describes, with the target's timeout, its
 * {@code webhook-signature} with every active signing secret (decrypted here) and the header of the target's
 * connection ({@link ApplyConnection}, which wins over a configured header of the same name), and answers with the classified outcome. A 401 to an OAuth token
 * drops the token ({@link ClassifyResponse#unauthorizedWithToken}). Thread-safe.
 */
@Singleton
@DataRole
class SendWebhook {

    private final OutboundHttp http;
    private final DecryptedSecrets secrets;
    private final ApplyConnection connections;
    private final Clock clock = Clock.systemUTC();

    SendWebhook(OutboundHttp http, DecryptedSecrets secrets, ApplyConnection connections) {
        this.http = http;
        this.secrets = secrets;
        this.connections = connections;
    }

    /** An attempt's outcome and what it looked like. */
    record Attempted(DeliveryOutcome outcome, AttemptLog log) {
    }

    CompletableFuture<Attempted> send(String deliveryId, Loaded loaded, String body) {
        JsonNode config = loaded.config();
        List<String> signingSecrets;
        try {
            signingSecrets = signingSecrets(config);
        } catch (SecretUnreadable e) {
            return failed(new DeliveryOutcome.Retryable("SECRET_UNREADABLE", "the signing secret: " + e.getMessage(),
                    Optional.empty()), 0);
        }
        long started = System.nanoTime();
        CompletableFuture<Optional<Credentials>> credentials = loaded.connection() == null
                ? CompletableFuture.completedFuture(Optional.empty())
                : connections.credentials(loaded.connection()).thenApply(Optional::of);
        return credentials.handle((c, error) -> error == null
                        ? post(deliveryId, loaded, body, signingSecrets, c.orElse(null))
                        : failed(connectionFailure(error), millisSince(started)))
                .thenCompose(attempt -> attempt);
    }

    private CompletableFuture<Attempted> post(String deliveryId, Loaded loaded, String body,
                                              List<String> signingSecrets, Credentials credentials) {
        JsonNode config = loaded.config();
        long started = System.nanoTime();
        Instant sentAt = clock.instant();
        long timestamp = sentAt.getEpochSecond();
        WebhookRequest built = WebhookRequest.of(deliveryId, timestamp, config, loaded.envelope(), body,
                ShapeInput.shapes(loaded.inputShaping()));
        OutboundRequest request = new OutboundRequest(built.method(), built.url());
        built.headers().forEach(request::header);
        if (credentials != null) {
            request.header(credentials.header(), credentials.value()); // the connection's wins over a configured one
        }
        request.body(built.body(), built.contentType());
        if (!signingSecrets.isEmpty()) {
            request.header(WebhookRequest.SIGNATURE_HEADER,
                    SignWebhook.signature(deliveryId, timestamp, built.body(), signingSecrets));
        }
        Duration timeout = Duration.ofMillis(config.path("timeoutMillis").asLong(WebhookConfig.DEFAULT_TIMEOUT_MILLIS));
        return http.send(request, timeout, AttemptLog.MAX_RESPONSE_CHARS)
                .thenApply(r -> {
                    DeliveryOutcome outcome = ClassifyResponse.status(r.status(), r.header("retry-after"),
                            clock.instant());
                    if (r.status() == 401 && credentials != null && credentials.oauth()) {
                        connections.rejected(loaded.connection(), credentials);
                        outcome = ClassifyResponse.unauthorizedWithToken(loaded.lastError(), clock.instant());
                    }
                    return new Attempted(outcome, new AttemptLog(r.status(), millisSince(started),
                            outcome instanceof DeliveryOutcome.Delivered ? null : "HTTP " + r.status(), r.body(),
                            sentAt));
                })
                .exceptionally(e -> {
                    DeliveryOutcome outcome = ClassifyResponse.failure(e);
                    String error = outcome instanceof DeliveryOutcome.Retryable r ? r.errorCode() + ": " + r.errorMessage()
                            : outcome instanceof DeliveryOutcome.Permanent p ? p.errorCode() + ": " + p.errorMessage()
                            : String.valueOf(e);
                    return new Attempted(outcome, new AttemptLog(null, millisSince(started), error, null, sentAt));
                });
    }

    /** The current signing secret first, then the previous ones; decrypted, or legacy plaintext as stored. */
    private List<String> signingSecrets(JsonNode config) {
        List<String> out = new ArrayList<>();
        if (config.hasNonNull("signingSecret")) {
            out.add(reveal(config.get("signingSecret").asText()));
        }
        config.path("previousSigningSecrets").forEach(previous -> out.add(reveal(previous.asText())));
        return out;
    }

    private String reveal(String stored) {
        return WebhookConfig.isLegacyPlaintext(stored) ? stored : secrets.reveal(stored);
    }

    private static DeliveryOutcome connectionFailure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ConnectionFailed failed) {
            return failed.outcome();
        }
        return new DeliveryOutcome.Retryable("CONNECTION_AUTH_ERROR", "the connection could not be applied: "
                + cause.getClass().getSimpleName(), Optional.empty());
    }

    private static CompletableFuture<Attempted> failed(DeliveryOutcome outcome, long latencyMillis) {
        String code = outcome instanceof DeliveryOutcome.Retryable r ? r.errorCode() : ((DeliveryOutcome.Permanent) outcome).errorCode();
        String message = outcome instanceof DeliveryOutcome.Retryable r ? r.errorMessage()
                : ((DeliveryOutcome.Permanent) outcome).errorMessage();
        return CompletableFuture.completedFuture(new Attempted(outcome,
                new AttemptLog(null, latencyMillis, code + ": " + message, null)));
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
