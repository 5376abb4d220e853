package io.eventbus.data.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.role.DataRole;
import io.eventbus.data.deliver.LoadDelivery.StoredConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
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
 * or a token the target refused ({@link #drop}) makes the next caller request a new one. The endpoint must pass
 * the same {@link EgressPolicy} as webhooks.
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

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(REQUEST_TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();
    private final DeliverySettings settings;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();
    private final ConcurrentHashMap<Long, Slot> slots = new ConcurrentHashMap<>();

    OAuthTokens(DeliverySettings settings, @Nullable MeterRegistry meters) {
        this.settings = settings;
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
        try {
            JsonNode p = connection.parameters();
            URI endpoint = URI.create(p.path("authorizationEndpoint").asText());
            Optional<String> refused = EgressPolicy.refuse(endpoint.getHost(), settings.allowPrivateNetworks());
            if (refused.isPresent()) {
                return CompletableFuture.failedFuture(ConnectionFailed.permanent("EGRESS_BLOCKED",
                        "the token endpoint of connection " + connection.name() + ": " + refused.get()));
            }
            String form = "grant_type=client_credentials" + (p.hasNonNull("scope")
                    ? "&scope=" + form(p.get("scope").asText()) : "");
            String method = p.path("httpMethod").asText("POST");
            String basic = Base64.getEncoder().encodeToString((form(p.path("clientId").asText()) + ":"
                    + form(clientSecret)).getBytes(StandardCharsets.UTF_8));
            HttpRequest.Builder request = HttpRequest.newBuilder("GET".equals(method) ? withQuery(endpoint, form) : endpoint)
                    .timeout(REQUEST_TIMEOUT)
                    .header("accept", "application/json")
                    .header("user-agent", "Eventbus")
                    .header("authorization", "Basic " + basic);
            if ("GET".equals(method)) {
                request.GET();
            } else {
                request.method(method, HttpRequest.BodyPublishers.ofString(form))
                        .header("content-type", "application/x-www-form-urlencoded");
            }
            return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                    .handle((response, error) -> {
                        if (error != null) {
                            throw unreachable(connection, error);
                        }
                        return token(connection, response);
                    });
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(ConnectionFailed.retryable("OAUTH_TOKEN_ERROR",
                    "the token endpoint of connection " + connection.name() + " is not a usable URL"));
        }
    }

    private Token token(StoredConnection connection, HttpResponse<InputStream> response) {
        String from = "the token endpoint of connection " + connection.name();
        JsonNode answer = read(response.body());
        int status = response.statusCode();
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

    private JsonNode read(InputStream body) {
        try (InputStream in = body) {
            byte[] bytes = in.readNBytes(MAX_ANSWER_BYTES);
            return bytes.length == 0 ? null : json.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    private static ConnectionFailed unreachable(StoredConnection connection, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String why = cause instanceof HttpTimeoutException ? "did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s"
                : "could not be reached (" + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")";
        return ConnectionFailed.retryable("OAUTH_TOKEN_ERROR", "the token endpoint of connection " + connection.name()
                + " " + why);
    }

    private static URI withQuery(URI endpoint, String form) {
        String uri = endpoint.toString();
        return URI.create(uri + (endpoint.getRawQuery() == null ? "?" : "&") + form);
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
