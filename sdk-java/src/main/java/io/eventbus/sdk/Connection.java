package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * A connection as the admin API shows it: everything but its secret, which is write-only. Immutable.
 *
 * @param authParameters the block of the authorization type, without its secret
 * @param etag           its version, for a conditional update or delete; null in {@link Connections#list()}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Connection(String name, String description, AuthorizationType authorizationType,
                         AuthParameters authParameters, Instant createdAt, Instant updatedAt, String etag) {

    /** The one block of the authorization type; the others are null. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AuthParameters(Basic basic, ApiKey apiKey, OAuth oauth) {
    }

    /** Basic authentication's user name. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Basic(String username) {
    }

    /** The header an API key is sent in. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ApiKey(String name) {
    }

    /** OAuth client credentials: the token endpoint, client id, scope and the token request's method. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OAuth(String authorizationEndpoint, String clientId, String scope, String httpMethod) {
    }

    Connection withEtag(String value) {
        return new Connection(name, description, authorizationType, authParameters, createdAt, updatedAt, value);
    }
}
