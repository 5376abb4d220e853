package io.eventbus.data.deliver;

import io.eventbus.core.role.DataRole;
import io.eventbus.core.secret.SecretUnreadable;
import io.eventbus.core.target.TargetType;
import io.eventbus.core.target.WebhookConfig;
import io.eventbus.core.target.WebhookRequest;
import io.eventbus.data.deliver.ApplyConnection.Credentials;
import io.eventbus.data.egress.OutboundHttp;
import io.eventbus.data.egress.OutboundRequest;
import io.eventbus.data.outbox.AttemptLog;
import io.eventbus.data.retry.ClassifyResponse;
import io.eventbus.data.retry.DeliveryOutcome;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Sends one webhook delivery through {@link OutboundHttp} (non-blocking, pooled; the egress policy checked on the
 * address each connection reaches): the request {@link WebhookRequest} describes, with the target's timeout, its
 * {@code webhook-signature} with every active signing secret (decrypted here) and the header of the target's
 * connection ({@link ApplyConnection}, which wins over a configured header of the same name), and answers with the
 * outcome {@link ClassifyResponse} gives the answer. A 401 to an OAuth token drops the token
 * ({@link ClassifyResponse#unauthorizedWithToken}). Thread-safe.
 */
@Singleton
@DataRole
class WebhookDriver implements TargetDriver<WebhookConfig> {

    private final OutboundHttp http;
    private final DecryptedSecrets secrets;
    private final ApplyConnection connections;
    private final Clock clock;

    WebhookDriver(OutboundHttp http, DecryptedSecrets secrets, ApplyConnection connections, Clock clock) {
        this.clock = clock;
        this.http = http;
        this.secrets = secrets;
        this.connections = connections;
    }

    @Override
    public TargetType<WebhookConfig> type() {
        return WebhookConfig.TYPE;
    }

    @Override
    public CompletableFuture<Sent> send(Attempt attempt, WebhookConfig config) {
        List<String> signingSecrets;
        try {
            signingSecrets = config.storedSigningSecrets().stream().map(this::reveal).toList();
        } catch (SecretUnreadable e) {
            return CompletableFuture.completedFuture(Sent.failed(DeliveryOutcome.retryable("SECRET_UNREADABLE",
                    "the signing secret: " + e.getMessage()), 0));
        }
        long started = System.nanoTime();
        CompletableFuture<Optional<Credentials>> credentials = attempt.connection() == null
                ? CompletableFuture.completedFuture(Optional.empty())
                : connections.credentials(attempt.connection()).thenApply(Optional::of);
        return credentials.handle((c, error) -> error == null
                        ? post(attempt, config, signingSecrets, c.orElse(null))
                        : CompletableFuture.completedFuture(Sent.failed(connectionFailure(error),
                                millisSince(started))))
                .thenCompose(sent -> sent);
    }

    private CompletableFuture<Sent> post(Attempt attempt, WebhookConfig config, List<String> signingSecrets,
                                         Credentials credentials) {
        long started = System.nanoTime();
        Instant sentAt = clock.instant();
        long timestamp = sentAt.getEpochSecond();
        WebhookRequest built = WebhookRequest.of(attempt.deliveryId(), timestamp, config, attempt.envelope(),
                attempt.body(), attempt.shaped());
        OutboundRequest request = new OutboundRequest(built.method(), built.url());
        built.headers().forEach(request::header);
        if (credentials != null) {
            request.header(credentials.header(), credentials.value()); // the connection's wins over a configured one
        }
        request.body(built.body(), built.contentType());
        if (!signingSecrets.isEmpty()) {
            request.header(WebhookRequest.SIGNATURE_HEADER,
                    SignWebhook.signature(attempt.deliveryId(), timestamp, built.body(), signingSecrets));
        }
        return http.send(request, Duration.ofMillis(config.timeoutMillis()), AttemptLog.MAX_RESPONSE_CHARS)
                .thenApply(r -> {
                    DeliveryOutcome outcome = ClassifyResponse.status(r.status(), r.header("retry-after"),
                            clock.instant());
                    if (r.status() == 401 && credentials != null && credentials.oauth()) {
                        connections.rejected(attempt.connection(), credentials);
                        outcome = ClassifyResponse.unauthorizedWithToken(attempt.lastError(), clock.instant());
                    }
                    return Sent.of(outcome, new AttemptLog(r.status(), millisSince(started),
                            outcome instanceof DeliveryOutcome.Delivered ? null : "HTTP " + r.status(), r.body(),
                            sentAt));
                })
                .exceptionally(e -> {
                    DeliveryOutcome outcome = ClassifyResponse.failure(e);
                    return Sent.of(outcome, new AttemptLog(null, millisSince(started), outcome.error(), null, sentAt));
                });
    }

    /** A signing secret decrypted, or a legacy plaintext one as stored. */
    private String reveal(String stored) {
        return WebhookConfig.isLegacyPlaintext(stored) ? stored : secrets.reveal(stored);
    }

    private static DeliveryOutcome connectionFailure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ConnectionFailed failed) {
            return failed.outcome();
        }
        return DeliveryOutcome.retryable("CONNECTION_AUTH_ERROR", "the connection could not be applied: "
                + cause.getClass().getSimpleName());
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
