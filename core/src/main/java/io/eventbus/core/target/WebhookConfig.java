package io.eventbus.core.target;

import java.util.Map;

/**
 * A webhook target as stored ({@code target.config}). {@code signingSecret} is a Standard Webhooks secret
 * ({@code whsec_} + base64); it is never returned by the API.
 */
public record WebhookConfig(String url, String method, int timeoutMillis, Map<String, String> headers,
                            String signingSecret, Integer rateLimitPerSecond) {

    public static final int DEFAULT_TIMEOUT_MILLIS = 10_000;
    public static final String DEFAULT_METHOD = "POST";
}
