package io.eventbus.core.connection;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a connection authenticates webhook deliveries, as EventBridge names it. Stored in
 * {@code connection.authorization_type} (a CHECK constraint lists the same names).
 */
public enum AuthorizationType {
    /** {@code Authorization: Basic base64(username:password)}. */
    BASIC,
    /** A header of the connection's choosing ({@code name}) with a secret value. */
    API_KEY,
    /**
     * {@code Authorization: Bearer <token>}, the token fetched from the connection's authorization endpoint with
     * the client credentials grant and kept until it expires.
     */
    OAUTH_CLIENT_CREDENTIALS;

    /** The header a connection of this type sets, given its stored parameters. */
    public String header(JsonNode parameters) {
        return this == API_KEY ? parameters.path("apiKeyName").asText() : "Authorization";
    }

    /** What the header's value starts with before the secret part: {@code Basic }, {@code Bearer } or nothing. */
    public String scheme() {
        return switch (this) {
            case BASIC -> "Basic ";
            case API_KEY -> "";
            case OAUTH_CLIENT_CREDENTIALS -> "Bearer ";
        };
    }
}
