package io.eventbus.data.deliver;

import io.eventbus.core.connection.AuthorizationType;
import io.eventbus.core.role.DataRole;
import io.eventbus.core.secret.SecretUnreadable;
import io.eventbus.data.outbox.StoredConnection;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * What a connection adds to a webhook request: {@code Authorization: Basic base64(username:password)} (BASIC),
 * {@code <name>: <value>} (API_KEY), or {@code Authorization: Bearer <token>} with a token from {@link OAuthTokens}
 * (OAUTH_CLIENT_CREDENTIALS). The connection is read with every delivery, so an update is seen by the next attempt
 * without a notification; its secret is decrypted once per stored value ({@link DecryptedSecrets}). Thread-safe.
 */
@Singleton
@DataRole
class ApplyConnection {

    private static final String BEARER = AuthorizationType.OAUTH_CLIENT_CREDENTIALS.scheme();

    private final DecryptedSecrets secrets;
    private final OAuthTokens tokens;

    ApplyConnection(DecryptedSecrets secrets, OAuthTokens tokens) {
        this.secrets = secrets;
        this.tokens = tokens;
    }

    /** One header to set on the request; {@code oauth} when its value is a bearer token. */
    record Credentials(String header, String value, boolean oauth) {

        @Override
        public String toString() {
            return "Credentials[" + header + "]";
        }
    }

    /** Fails with {@link ConnectionFailed} when the secret cannot be read or no token can be had. */
    CompletableFuture<Credentials> credentials(StoredConnection connection) {
        String secret;
        try {
            secret = secrets.reveal(connection.encryptedSecret());
        } catch (SecretUnreadable e) {
            return CompletableFuture.failedFuture(ConnectionFailed.retryable("SECRET_UNREADABLE", "the secret of"
                    + " connection " + connection.name() + ": " + e.getMessage()));
        }
        return switch (connection.type()) {
            case BASIC -> CompletableFuture.completedFuture(new Credentials(header(connection), connection.type().scheme()
                    + Base64.getEncoder().encodeToString((connection.parameters().path("username").asText() + ":" + secret)
                    .getBytes(StandardCharsets.UTF_8)), false));
            case API_KEY -> CompletableFuture.completedFuture(new Credentials(header(connection), secret, false));
            case OAUTH_CLIENT_CREDENTIALS -> tokens.token(connection, secret)
                    .thenApply(token -> new Credentials(header(connection), BEARER + token, true));
        };
    }

    private static String header(StoredConnection connection) {
        return connection.type().header(connection.parameters());
    }

    /** The target answered 401 to {@code used}: a bearer token is dropped, so the retry gets a new one. */
    void rejected(StoredConnection connection, Credentials used) {
        if (used.oauth()) {
            tokens.drop(connection.id(), used.value().substring(BEARER.length()));
        }
    }
}
