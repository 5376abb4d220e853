package io.eventbus.control.connection;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.eventbus.core.connection.AuthorizationType;
import io.eventbus.core.connection.ConnectionParameters;

import java.time.Instant;

/**
 * A connection as the API shows it: everything but the secret, which is write-only (the password, API key
 * value or client secret is never returned, not even by the request that sets it).
 */
public record Connection(String name, String description, AuthorizationType authorizationType,
                         AuthParametersView authParameters, Instant createdAt, Instant updatedAt,
                         @JsonIgnore long version) {

    /** The block of the authorization type, without its secret. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuthParametersView(BasicAuthView basic, ApiKeyAuthView apiKey, OAuthView oauth) {

        static AuthParametersView of(AuthorizationType type, ConnectionParameters p) {
            return switch (type) {
                case BASIC -> new AuthParametersView(new BasicAuthView(p.username()), null, null);
                case API_KEY -> new AuthParametersView(null, new ApiKeyAuthView(p.apiKeyName()), null);
                case OAUTH_CLIENT_CREDENTIALS -> new AuthParametersView(null, null, new OAuthView(
                        p.authorizationEndpoint(), p.clientId(), p.scope(), p.httpMethod()));
            };
        }
    }

    public record BasicAuthView(String username) {
    }

    public record ApiKeyAuthView(String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OAuthView(String authorizationEndpoint, String clientId, String scope, String httpMethod) {
    }
}
