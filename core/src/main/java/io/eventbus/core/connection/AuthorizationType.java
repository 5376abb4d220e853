package io.eventbus.core.connection;

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
    OAUTH_CLIENT_CREDENTIALS
}
