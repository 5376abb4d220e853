package io.eventbus.control.connection;

import io.eventbus.core.connection.AuthorizationType;
import io.eventbus.core.connection.ConnectionParameters;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.ControlRole;
import io.eventbus.core.secret.Secrets;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a connection's authorization type and parameters, and encrypts its secret at once, so the plaintext
 * goes no further than this class. Every error names its location, e.g. {@code authParameters.basic.username}.
 * Thread-safe.
 */
@Singleton
@ControlRole
class ValidateConnection {

    static final int MAX_VALUE = 1024;
    static final int MAX_URL_LENGTH = 2048;
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}");
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "content-type",
            "transfer-encoding", "connection", "upgrade", "expect", "te", "trailer", "keep-alive", "user-agent");
    private static final Set<String> TOKEN_METHODS = Set.of("POST", "PUT", "GET");

    private final Secrets secrets;

    ValidateConnection(Secrets secrets) {
        this.secrets = secrets;
    }

    /**
     * A connection ready to store.
     *
     * @param encryptedSecret null when the request left the secret out (an update keeps the stored one)
     */
    record ValidConnection(AuthorizationType type, ConnectionParameters parameters, String encryptedSecret) {
    }

    /** @param secretRequired true on create; an update may leave the secret out */
    ValidConnection validate(AuthorizationType type, ConnectionRequests.AuthParameters auth, boolean secretRequired) {
        if (type == null) {
            throw new ValidationError("authorizationType", "authorizationType is required: BASIC, API_KEY or"
                    + " OAUTH_CLIENT_CREDENTIALS");
        }
        if (auth == null) {
            throw new ValidationError("authParameters", "authParameters is required");
        }
        String block = block(type);
        if (auth.basic() != null && type != AuthorizationType.BASIC
                || auth.apiKey() != null && type != AuthorizationType.API_KEY
                || auth.oauth() != null && type != AuthorizationType.OAUTH_CLIENT_CREDENTIALS) {
            String other = auth.basic() != null && type != AuthorizationType.BASIC ? "basic"
                    : auth.apiKey() != null && type != AuthorizationType.API_KEY ? "apiKey" : "oauth";
            throw new ValidationError("authParameters." + other, "authParameters." + other + " does not go with"
                    + " authorizationType " + type + "; use authParameters." + block);
        }
        String at = "authParameters." + block;
        return switch (type) {
            case BASIC -> basic(auth.basic(), at, secretRequired);
            case API_KEY -> apiKey(auth.apiKey(), at, secretRequired);
            case OAUTH_CLIENT_CREDENTIALS -> oauth(auth.oauth(), at, secretRequired);
        };
    }

    /** The name of the parameters block of {@code type}. */
    static String block(AuthorizationType type) {
        return switch (type) {
            case BASIC -> "basic";
            case API_KEY -> "apiKey";
            case OAUTH_CLIENT_CREDENTIALS -> "oauth";
        };
    }

    /** The name of the secret field of {@code type}, for messages. */
    static String secretField(AuthorizationType type) {
        return "authParameters." + block(type) + "." + switch (type) {
            case BASIC -> "password";
            case API_KEY -> "value";
            case OAUTH_CLIENT_CREDENTIALS -> "clientSecret";
        };
    }

    private ValidConnection basic(ConnectionRequests.BasicAuthParameters basic, String at, boolean secretRequired) {
        required(basic, at);
        String username = text(basic.username(), at + ".username", true);
        if (username.indexOf(':') >= 0) {
            throw new ValidationError(at + ".username", at + ".username must not contain ':' (RFC 7617)");
        }
        String password = text(basic.password(), at + ".password", secretRequired);
        return new ValidConnection(AuthorizationType.BASIC, ConnectionParameters.basic(username), seal(password));
    }

    private ValidConnection apiKey(ConnectionRequests.ApiKeyAuthParameters apiKey, String at, boolean secretRequired) {
        required(apiKey, at);
        String name = text(apiKey.name(), at + ".name", true);
        String lower = name.toLowerCase(Locale.ROOT);
        if (!HEADER_NAME.matcher(name).matches()) {
            throw new ValidationError(at + ".name", "'" + name + "' is not a valid HTTP header name");
        }
        if (RESERVED_HEADERS.contains(lower) || lower.startsWith("webhook-")) {
            throw new ValidationError(at + ".name", "header '" + name + "' is set by Eventbus and cannot carry an API key");
        }
        String value = text(apiKey.value(), at + ".value", secretRequired);
        return new ValidConnection(AuthorizationType.API_KEY, ConnectionParameters.apiKey(name), seal(value));
    }

    private ValidConnection oauth(ConnectionRequests.OAuthParameters oauth, String at, boolean secretRequired) {
        required(oauth, at);
        String endpoint = url(oauth.authorizationEndpoint(), at + ".authorizationEndpoint");
        String clientId = text(oauth.clientId(), at + ".clientId", true);
        String clientSecret = text(oauth.clientSecret(), at + ".clientSecret", secretRequired);
        String scope = oauth.scope() == null ? null : text(oauth.scope(), at + ".scope", true);
        String method = oauth.httpMethod() == null ? ConnectionParameters.DEFAULT_TOKEN_METHOD
                : oauth.httpMethod().toUpperCase(Locale.ROOT);
        if (!TOKEN_METHODS.contains(method)) {
            throw new ValidationError(at + ".httpMethod", at + ".httpMethod must be POST, PUT or GET");
        }
        return new ValidConnection(AuthorizationType.OAUTH_CLIENT_CREDENTIALS,
                ConnectionParameters.oauth(endpoint, clientId, scope, method), seal(clientSecret));
    }

    private String seal(String secret) {
        return secret == null ? null : secrets.encrypt(secret);
    }

    private static void required(Object block, String at) {
        if (block == null) {
            throw new ValidationError(at, at + " is required");
        }
    }

    /** A value of at most {@value #MAX_VALUE} characters without line breaks; null when optional and absent. */
    private static String text(String value, String at, boolean required) {
        if (value == null || value.isEmpty()) {
            if (required) {
                throw new ValidationError(at, at + " is required");
            }
            return null;
        }
        if (value.length() > MAX_VALUE || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new ValidationError(at, at + " must be at most " + MAX_VALUE + " characters without line breaks");
        }
        return value;
    }

    private static String url(String url, String at) {
        if (url == null || url.isBlank()) {
            throw new ValidationError(at, at + " is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new ValidationError(at, at + " is longer than " + MAX_URL_LENGTH + " characters");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new ValidationError(at, at + " must be an absolute http:// or https:// URL, not '" + url + "'");
            }
            if (uri.getUserInfo() != null) {
                throw new ValidationError(at, at + " must not carry credentials; use clientId and clientSecret");
            }
        } catch (URISyntaxException e) {
            throw new ValidationError(at, at + " is not a URL: " + e.getMessage());
        }
        return url;
    }
}
