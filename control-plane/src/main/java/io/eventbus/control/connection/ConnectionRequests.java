package io.eventbus.control.connection;

import io.eventbus.core.connection.AuthorizationType;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Request bodies of {@code /v1/connections}, after EventBridge's CreateConnection in camelCase. The block of
 * {@code authParameters} that matches {@code authorizationType} is the only one allowed.
 */
final class ConnectionRequests {

    private ConnectionRequests() {
    }

    /** {@code POST /v1/connections}. */
    record CreateConnectionRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "[A-Za-z0-9._-]{1,64}") String name,
            String description,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) AuthorizationType authorizationType,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) AuthParameters authParameters) {
    }

    /**
     * {@code PUT /v1/connections/{connection}}: replaces description and parameters. The secret (password, API
     * key value, client secret) may be left out to keep the stored one, if the authorization type stays.
     */
    record UpdateConnectionRequest(
            String description,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) AuthorizationType authorizationType,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) AuthParameters authParameters) {
    }

    /** Exactly one block, the one of the authorization type. */
    record AuthParameters(BasicAuthParameters basic, ApiKeyAuthParameters apiKey, OAuthParameters oauth) {
    }

    record BasicAuthParameters(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String username,
            @Schema(description = "write-only; never returned") String password) {
    }

    record ApiKeyAuthParameters(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the header, e.g. x-api-key") String name,
            @Schema(description = "write-only; never returned") String value) {
    }

    record OAuthParameters(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the token endpoint") String authorizationEndpoint,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String clientId,
            @Schema(description = "write-only; never returned") String clientSecret,
            String scope,
            @Schema(type = "string", allowableValues = {"POST", "PUT", "GET"}, defaultValue = "POST") String httpMethod) {
    }
}
