package io.eventbus.sdk;

/** How a connection authenticates webhook deliveries, as EventBridge names it. */
public enum AuthorizationType {
    /** {@code Authorization: Basic base64(username:password)}. */
    BASIC,
    /** A header of the connection's choosing with a secret value. */
    API_KEY,
    /** {@code Authorization: Bearer <token>}, the token fetched with the OAuth client credentials grant. */
    OAUTH_CLIENT_CREDENTIALS
}
