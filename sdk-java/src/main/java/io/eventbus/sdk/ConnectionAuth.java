package io.eventbus.sdk;

import java.util.Map;
import java.util.Objects;

/**
 * How a connection authenticates, with its secret, as written to {@link Connections#create} and
 * {@link Connections#update}. The secret is write-only: no answer of the server contains it. Immutable; its
 * {@code toString()} leaves the secret out.
 */
public final class ConnectionAuth {

    private final AuthorizationType type;
    private final String block;
    private final Map<String, Object> parameters;

    private ConnectionAuth(AuthorizationType type, String block, Map<String, Object> parameters) {
        this.type = type;
        this.block = block;
        this.parameters = parameters;
    }

    /** Basic authentication; a null password on update keeps the stored one. */
    public static ConnectionAuth basic(String username, String password) {
        return new ConnectionAuth(AuthorizationType.BASIC, "basic",
                AdminHttp.body("username", Objects.requireNonNull(username, "username"), "password", password));
    }

    /** Header {@code header} (e.g. {@code x-api-key}) with {@code value}; a null value on update keeps the stored one. */
    public static ConnectionAuth apiKey(String header, String value) {
        return new ConnectionAuth(AuthorizationType.API_KEY, "apiKey",
                AdminHttp.body("name", Objects.requireNonNull(header, "header"), "value", value));
    }

    /**
     * OAuth client credentials at token endpoint {@code authorizationEndpoint}; {@code scope} may be null; a null
     * client secret on update keeps the stored one.
     */
    public static ConnectionAuth oauthClientCredentials(String authorizationEndpoint, String clientId,
                                                        String clientSecret, String scope) {
        return new ConnectionAuth(AuthorizationType.OAUTH_CLIENT_CREDENTIALS, "oauth",
                AdminHttp.body("authorizationEndpoint", Objects.requireNonNull(authorizationEndpoint,
                        "authorizationEndpoint"), "clientId", Objects.requireNonNull(clientId, "clientId"),
                        "clientSecret", clientSecret, "scope", scope));
    }

    /** The authorization type. */
    public AuthorizationType type() {
        return type;
    }

    /** The request body's members for this authentication. */
    Map<String, Object> members() {
        return Map.of("authorizationType", type, "authParameters", Map.of(block, parameters));
    }

    @Override
    public String toString() {
        return "ConnectionAuth[" + type + "]";
    }
}
