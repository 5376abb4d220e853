package io.eventbus.core.connection;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The parameters of a connection that are not secret, as stored in {@code connection.parameters}: which fields
 * are set depends on the {@link AuthorizationType}. The secret (password, API key value, client secret) is
 * stored apart, encrypted ({@code connection.secret}).
 *
 * @param username              BASIC
 * @param apiKeyName            API_KEY: the header that carries the key, e.g. {@code x-api-key}
 * @param authorizationEndpoint OAUTH_CLIENT_CREDENTIALS: the token endpoint's URL
 * @param clientId              OAUTH_CLIENT_CREDENTIALS
 * @param scope                 OAUTH_CLIENT_CREDENTIALS, optional
 * @param httpMethod            OAUTH_CLIENT_CREDENTIALS: how the token is requested (POST, the default, PUT or GET)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectionParameters(String username, String apiKeyName, String authorizationEndpoint, String clientId,
                                   String scope, String httpMethod) {

    public static final String DEFAULT_TOKEN_METHOD = "POST";

    public static ConnectionParameters basic(String username) {
        return new ConnectionParameters(username, null, null, null, null, null);
    }

    public static ConnectionParameters apiKey(String name) {
        return new ConnectionParameters(null, name, null, null, null, null);
    }

    public static ConnectionParameters oauth(String endpoint, String clientId, String scope, String httpMethod) {
        return new ConnectionParameters(null, null, endpoint, clientId, scope, httpMethod);
    }
}
