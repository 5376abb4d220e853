package io.eventbus.control.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.ControlRole;
import io.eventbus.core.target.WebhookConfig;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Targets that POST (or PUT, PATCH) events to an HTTP endpoint, signed per Standard Webhooks when the target
 * has a secret. Whether the address may be reached (no private networks by default) is decided at delivery
 * time, on the resolved address, not here.
 */
@Singleton
@ControlRole
final class WebhookKind implements TargetKind {

    static final int MAX_URL_LENGTH = 2048;
    static final int MIN_TIMEOUT = 100;
    static final int MAX_TIMEOUT = 60_000;
    static final int MAX_HEADERS = 50;
    static final int MAX_HEADER_VALUE = 1024;
    static final int MAX_RATE = 10_000;
    static final String SECRET_PREFIX = "whsec_";
    private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}");
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "transfer-encoding",
            "connection", "upgrade", "te", "trailer", "keep-alive");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ObjectMapper json;

    WebhookKind(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public Object block(TargetRequest request) {
        return request.webhook();
    }

    @Override
    public JsonNode validate(Object block, String location) {
        TargetRequest.Webhook webhook = (TargetRequest.Webhook) block;
        String method = webhook.method() == null ? WebhookConfig.DEFAULT_METHOD : webhook.method().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new ValidationError(location + ".method", location + ".method must be POST, PUT or PATCH");
        }
        int timeout = webhook.timeoutMillis() == null ? WebhookConfig.DEFAULT_TIMEOUT_MILLIS : webhook.timeoutMillis();
        if (timeout < MIN_TIMEOUT || timeout > MAX_TIMEOUT) {
            throw new ValidationError(location + ".timeoutMillis", location + ".timeoutMillis must be from "
                    + MIN_TIMEOUT + " to " + MAX_TIMEOUT + ", not " + timeout);
        }
        Integer rate = webhook.rateLimitPerSecond();
        if (rate != null && (rate < 1 || rate > MAX_RATE)) {
            throw new ValidationError(location + ".rateLimitPerSecond", location + ".rateLimitPerSecond must be from 1 to "
                    + MAX_RATE + ", not " + rate);
        }
        return json.valueToTree(new WebhookConfig(url(webhook.url(), location + ".url"), method, timeout,
                headers(webhook.headers(), location + ".headers"), secret(webhook, location), rate));
    }

    @Override
    public JsonNode view(JsonNode config, boolean revealSecrets) {
        ObjectNode view = config.deepCopy();
        boolean hasSecret = view.hasNonNull("signingSecret");
        if (!revealSecrets) {
            view.remove("signingSecret");
        }
        view.put("signingSecretSet", hasSecret);
        return view;
    }

    @Override
    public JsonNode carryOverSecrets(JsonNode config, JsonNode previous) {
        if (config.hasNonNull("signingSecret") || previous == null || !previous.hasNonNull("signingSecret")) {
            return config;
        }
        return ((ObjectNode) config.deepCopy()).set("signingSecret", previous.get("signingSecret"));
    }

    private static String url(String url, String location) {
        if (url == null || url.isBlank()) {
            throw new ValidationError(location, location + " is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new ValidationError(location, location + " is longer than " + MAX_URL_LENGTH + " characters");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new ValidationError(location, location + " must be an absolute http:// or https:// URL, not '"
                        + url + "'");
            }
            if (uri.getUserInfo() != null) {
                throw new ValidationError(location, location + " must not carry credentials; use a connection");
            }
        } catch (URISyntaxException e) {
            throw new ValidationError(location, location + " is not a URL: " + e.getMessage());
        }
        return url;
    }

    private static Map<String, String> headers(Map<String, String> headers, String location) {
        if (headers == null || headers.isEmpty()) {
            return Map.of();
        }
        if (headers.size() > MAX_HEADERS) {
            throw new ValidationError(location, location + " may hold at most " + MAX_HEADERS + " headers");
        }
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            String at = location + "." + name;
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HEADER_NAME.matcher(name).matches()) {
                throw new ValidationError(at, "'" + name + "' is not a valid HTTP header name");
            }
            if (RESERVED_HEADERS.contains(lower) || lower.startsWith("webhook-")) {
                throw new ValidationError(at, "header '" + name + "' is set by Eventbus and cannot be configured");
            }
            if (value == null || value.length() > MAX_HEADER_VALUE || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new ValidationError(at, "header '" + name + "' needs a value of at most " + MAX_HEADER_VALUE
                        + " characters without line breaks");
            }
            out.put(name, value);
        });
        return out;
    }

    private static String secret(TargetRequest.Webhook webhook, String location) {
        boolean generate = Boolean.TRUE.equals(webhook.generateSigningSecret());
        String given = webhook.signingSecret();
        if (generate && given != null) {
            throw new ValidationError(location + ".signingSecret", "give signingSecret or generateSigningSecret, not both");
        }
        if (generate) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            return SECRET_PREFIX + Base64.getEncoder().encodeToString(bytes);
        }
        if (given == null) {
            return null;
        }
        String at = location + ".signingSecret";
        if (!given.startsWith(SECRET_PREFIX)) {
            throw new ValidationError(at, at + " must start with whsec_ (Standard Webhooks)");
        }
        try {
            int length = Base64.getDecoder().decode(given.substring(SECRET_PREFIX.length())).length;
            if (length < 24 || length > 64) {
                throw new ValidationError(at, at + " must hold 24 to 64 bytes after whsec_, not " + length);
            }
        } catch (IllegalArgumentException e) {
            throw new ValidationError(at, at + " must be whsec_ followed by base64");
        }
        return given;
    }
}
