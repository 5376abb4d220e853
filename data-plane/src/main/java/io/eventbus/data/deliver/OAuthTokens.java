package io.eventbus.data.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.role.DataRole;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import io.eventbus.data.egress.EgressRefused;
import io.eventbus.data.egress.OutboundHttp;
import io.eventbus.data.egress.OutboundRequest;
import io.eventbus.data.outbox.StoredConnection;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URLEncoder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Access tokens of OAuth client-credentials connections (RFC 6749 section 4.4): requested from the
 * connection's authorization endpoint ({@code grant_type=client_credentials}, {@code scope} if set, form-encoded;
 * the client id and secret as HTTP Basic auth, each form-encoded first as section 2.3.1 asks) and kept per
 * connection until shortly before {@code expires_in} runs out (an hour when the answer has none). Concurrent
 * deliveries share one request in flight; a new version of the connection, an expired token, a failed request
 * or a token the target refused ({@link #drop}) makes the next caller request a new one. Requests go through
 * {@link OutboundHttp}, so the endpoint passes the same egress check as webhooks, at connect time.
 *
 * <p>Thread-safe. Neither the client secret nor a token is ever logged or put into an error message.
 */
@Singleton
@DataRole
class OAuthTokens {

    static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    static final Duration MAX_MARGIN = Duration.ofMinutes(1);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final Pattern SAFE_ERROR = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private static final String FORM = "application/x-www-form-urlencoded";

    private final OutboundHttp http;
    private final ObjectMapper json = new ObjectMapper();
    private final MeterRegistry meters;
    private final Clock clock;
    private final ConcurrentHashMap<Long, Slot> slots = new ConcurrentHashMap<>();

    OAuthTokens(OutboundHttp http, Clock clock, @Nullable MeterRegistry meters) {
        this.http = http;
        this.clock = clock;
        this.meters = meters;
    }

    /** A token and when to stop using it. */
    record Token(String value, Instant refreshAt) {

        @Override
        public String toString() {
            return "Token[refreshAt=" + refreshAt + "]";
        }
    }

    /**
     * The token (or request under way) of one version of a connection. The version changes with every update;
     * the stored secret (unique per encryption) tells a connection from an earlier one with the same id.
     */
    private record Slot(String fingerprint, CompletableFuture<Token> token) {

        boolean usableFor(String wanted, Instant now) {
            if (!fingerprint.equals(wanted)) {
                return false;
            }
            if (!token.isDone()) {
                return true;
            }
            return !token.isCompletedExceptionally() && token.join().refreshAt().isAfter(now);
        }
    }

    /**
     * The connection's current token, requested if there is none usable. Fails with {@link ConnectionFailed}
     * ({@code OAUTH_TOKEN_ERROR}, retryable; {@code EGRESS_BLOCKED}, permanent).
     */
    CompletableFuture<String> token(StoredConnection connection, String clientSecret) {
        Instant now = clock.instant();
        CompletableFuture<Token> requested = new CompletableFuture<>();
        String fingerprint = connection.version() + "/" + connection.encryptedSecret();
        Slot slot = slots.compute(connection.id(), (id, old) -> old != null && old.usableFor(fingerprint, now)
                ? old : new Slot(fingerprint, requested));
        if (slot.token() == requested) {
            request(connection, clientSecret).whenComplete((token, error) -> {
                count(connection, error == null ? "ok" : "failed");
                if (error != null) {
                    requested.completeExceptionally(error instanceof CompletionException c ? c.getCause() : error);
                } else {
                    requested.complete(token);
                }
            });
        }
        return slot.token().thenApply(Token::value);
    }

    /** Forgets {@code token} (the target refused it), unless a newer one has replaced it already. */
    void drop(long connectionId, String token) {
        slots.computeIfPresent(connectionId, (id, slot) -> slot.token().isDone()
                && !slot.token().isCompletedExceptionally() && slot.token().join().value().equals(token) ? null : slot);
    }

    private CompletableFuture<Token> request(StoredConnection connection, String clientSecret) {
        JsonNode p = connection.parameters();
        String endpoint = p.path("authorizationEndpoint").asText();
        String form = "grant_type=client_credentials" + (p.hasNonNull("scope")
                ? "&scope=" + form(p.get("scope").asText()) : "");
        String method = p.path("httpMethod").asText("POST");
        OutboundRequest request;
        try {
            request = new OutboundRequest(method, "GET".equals(method)
                    ? withQuery(endpoint, URI.create(endpoint).getRawQuery(), form) : endpoint);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(ConnectionFailed.retryable("OAUTH_TOKEN_ERROR",
                    "the token endpoint of connection " + connection.name() + " is not a usable URL"));
        }
        String basic = Base64.getEncoder().encodeToString((form(p.path("clientId").asText()) + ":"
                + form(clientSecret)).getBytes(StandardCharsets.UTF_8));
        request.header("accept", "application/json")
                .header("user-agent", "Eventbus")
                .header("authorization", "Basic " + basic);
        if (!"GET".equals(method)) {
            request.body(form.getBytes(StandardCharsets.UTF_8), FORM);
        }
        return http.send(request, REQUEST_TIMEOUT, MAX_ANSWER_BYTES)
                .handle((answer, error) -> {
                    if (error != null) {
                        throw unreachable(connection, error);
                    }
                    return token(connection, answer);
                });
    }

    private Token token(StoredConnection connection, OutboundHttp.Answer response) {
        String from = "the token endpoint of connection " + connection.name();
        JsonNode answer = read(response.body());
        int status = response.status();
        if (status < 200 || status >= 300) {
            String error = answer == null ? "" : answer.path("error").asText("");
            throw ConnectionFailed.retryable("OAUTH_TOKEN_ERROR", from + " answered " + status
                    + (SAFE_ERROR.matcher(error).matches() ? " (" + error + ")" : ""));
        }
        if (answer == null || !answer.path("access_token").isTextual() || answer.path("access_token").asText().isBlank()) {
            throw ConnectionFailed.retryable("OAUTH_TOKEN_ERROR", from + " answered " + status
                    + " without an access_token");
        }
        return new Token(answer.get("access_token").asText(), refreshAt(answer.path("expires_in"), clock.instant()));
    }

    /** A while before the token expires: a tenth of its lifetime, at most a minute. */
    static Instant refreshAt(JsonNode expiresIn, Instant now) {
        long seconds = expiresIn.canConvertToLong() ? expiresIn.asLong()
                : expiresIn.isTextual() ? parseOr(expiresIn.asText(), -1) : -1;
        Duration lifetime = seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_LIFETIME;
        Duration margin = lifetime.dividedBy(10).compareTo(MAX_MARGIN) < 0 ? lifetime.dividedBy(10) : MAX_MARGIN;
        return now.plus(lifetime).minus(margin);
    }

    private static long parseOr(String text, long fallback) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private JsonNode read(String body) {
        try {
            return body == null ? null : json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static ConnectionFailed unreachable(StoredConnection connection, Throwable error) {
        String from = "the token endpoint of connection " + connection.name();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof EgressRefused refused) {
                return ConnectionFailed.permanent("EGRESS_BLOCKED", from + ": " + refused.getMessage());
            }
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String why = cause instanceof InterruptedIOException ? "did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s"
                : "could not be reached (" + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")";
        return ConnectionFailed.retryable("OAUTH_TOKEN_ERROR", from + " " + why);
    }

    private static String withQuery(String endpoint, String query, String form) {
        return endpoint + (query == null ? "?" : "&") + form;
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private void count(StoredConnection connection, String outcome) {
        if (meters != null) {
            meters.counter("eventbus.connection.token.requests", "connection", connection.name(), "outcome", outcome)
                    .increment();
        }
    }
}
