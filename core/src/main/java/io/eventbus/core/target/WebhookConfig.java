package io.eventbus.core.target;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A webhook target as stored ({@code target.config}). The signing secrets are Standard Webhooks secrets
 * ({@code whsec_} + base64), stored encrypted ({@code io.eventbus.core.secret.Secrets}); a stored value that
 * starts with {@code whsec_} was written before secrets were encrypted and is plaintext. They are never
 * returned by the API.
 *
 * @param signingSecret          the current secret, or null for unsigned deliveries
 * @param previousSigningSecrets secrets still accepted by receivers during a rotation (at most
 *                               {@value #MAX_PREVIOUS_SECRETS}); deliveries are signed with these too
 * @param connection             the name of the connection that authenticates deliveries, or null
 * @param format                 {@value #FORMAT_CLOUDEVENTS_BINARY} to deliver CloudEvents in HTTP binary mode;
 *                               null for the EventBridge envelope (or the shaped input) as the JSON body
 */
public record WebhookConfig(String url, String method, int timeoutMillis, Map<String, String> headers,
                            String signingSecret, List<String> previousSigningSecrets, Integer rateLimitPerSecond,
                            String connection, String format) implements TargetConfig {

    public static final TargetType<WebhookConfig> TYPE = new TargetType<>("webhook", WebhookConfig::read);

    public static final String FORMAT_EVENTBRIDGE = "EVENTBRIDGE";
    public static final String FORMAT_CLOUDEVENTS_BINARY = "CLOUDEVENTS_BINARY";

    public static final int DEFAULT_TIMEOUT_MILLIS = 10_000;
    public static final String DEFAULT_METHOD = "POST";
    public static final String SECRET_PREFIX = "whsec_";
    public static final int MAX_PREVIOUS_SECRETS = 3;

    /** Whether the body is a CloudEvent in HTTP binary mode. */
    public boolean cloudEventsBinary() {
        return FORMAT_CLOUDEVENTS_BINARY.equals(format);
    }

    /** The signing secrets as stored: the current one first, then the previous ones; empty for unsigned deliveries. */
    public List<String> storedSigningSecrets() {
        List<String> all = new ArrayList<>();
        if (signingSecret != null) {
            all.add(signingSecret);
        }
        if (previousSigningSecrets != null) {
            all.addAll(previousSigningSecrets);
        }
        return all;
    }

    /** Configurations written before a field existed read with its default. */
    private static WebhookConfig read(StoredFields stored) {
        return new WebhookConfig(stored.text("url"), stored.optionalText("method", DEFAULT_METHOD),
                stored.optionalInt("timeoutMillis", DEFAULT_TIMEOUT_MILLIS), stored.textMap("headers"),
                stored.optionalText("signingSecret", null), stored.textList("previousSigningSecrets"),
                stored.optionalInt("rateLimitPerSecond", null), stored.optionalText("connection", null),
                stored.optionalText("format", null));
    }

    /** Whether a stored signing secret is a plaintext one written before secrets were encrypted. */
    public static boolean isLegacyPlaintext(String stored) {
        return stored != null && stored.startsWith(SECRET_PREFIX);
    }
}
