package io.eventbus.sdk;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks that a webhook request came from Eventbus, as <a href="https://www.standardwebhooks.com/">Standard
 * Webhooks</a> say: {@code webhook-signature} holds {@code v1,<base64 HMAC-SHA256>} of
 * {@code "<webhook-id>.<webhook-timestamp>.<payload>"} keyed with the target's signing secret, and the timestamp is
 * within {@value #TOLERANCE_SECONDS} seconds of now, either way (a replayed old request is refused). Eventbus signs
 * with every active secret of the target (the current one and, during a rotation, the previous ones), separated by
 * spaces: one matching signature is enough, so a receiver keeps working while a secret is rotated. Signatures are
 * compared in constant time. Usable alone, without an {@link Eventbus} client:
 *
 * <pre>{@code
 * WebhookVerifier verifier = new WebhookVerifier(System.getenv("WEBHOOK_SECRET"));   // whsec_...
 * verifier.verify(body, headers);   // throws WebhookVerificationException: answer 400
 * }</pre>
 *
 * Verify the body exactly as received, before parsing it: JSON parsed and written again is other bytes. Immutable
 * and thread-safe: build one per secret and share it.
 */
public final class WebhookVerifier {

    /** How far the {@code webhook-timestamp} may be from now, in seconds, either way: 5 minutes. */
    public static final long TOLERANCE_SECONDS = 300;

    private static final String SECRET_PREFIX = "whsec_";
    private static final String ID = "webhook-id";
    private static final String TIMESTAMP = "webhook-timestamp";
    private static final String SIGNATURE = "webhook-signature";

    private final byte[] key;
    private final Clock clock;

    /**
     * A verifier for {@code secret}: {@code whsec_} followed by the base64 of the key, as Eventbus shows it when
     * it generates one (the base64 alone is accepted too).
     *
     * @throws IllegalArgumentException when {@code secret} is not such a secret (a configuration error, not a
     *                                  refused request)
     */
    public WebhookVerifier(String secret) {
        this(secret, Clock.systemUTC());
    }

    /** Like {@link #WebhookVerifier(String)}, with {@code clock} as now (for tests). */
    public WebhookVerifier(String secret, Clock clock) {
        this.key = key(secret);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks {@code payload} (the request body as received, decoded as UTF-8) against {@code headers} (names in any
     * case, as a server hands them over; several values of {@code webhook-signature} count as one list).
     *
     * @throws WebhookVerificationException when a header is missing or malformed, the timestamp is more than
     *                                      {@value #TOLERANCE_SECONDS} s old or ahead, or no signature matches
     */
    public void verify(String payload, Map<String, List<String>> headers) {
        Objects.requireNonNull(payload, "payload");
        verify(payload.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** {@link #verify(String, Map)} for the body's bytes as received. */
    public void verify(byte[] payload, Map<String, List<String>> headers) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(headers, "headers");
        String id = single(headers, ID);
        long timestamp = timestamp(single(headers, TIMESTAMP));
        List<String> signatures = values(headers, SIGNATURE);
        if (signatures.isEmpty()) {
            throw new WebhookVerificationException("the " + SIGNATURE + " header is missing");
        }
        checkTime(timestamp);
        byte[] expected = hmac((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), payload);
        int checked = 0;
        for (String value : signatures) {
            for (String signature : value.trim().split(" +")) {
                if (!signature.startsWith("v1,")) {
                    continue; // another scheme (v1a: asymmetric) or none: not ours to check
                }
                checked++;
                if (MessageDigest.isEqual(expected, decode(signature.substring(3)))) {
                    return;
                }
            }
        }
        throw new WebhookVerificationException(checked == 0
                ? "the " + SIGNATURE + " header holds no v1 signature"
                : "no signature matches the payload (" + checked + " v1 signature" + (checked == 1 ? "" : "s")
                        + " checked): a wrong secret, or the payload was changed");
    }

    private void checkTime(long timestamp) {
        long now = clock.instant().getEpochSecond();
        if (timestamp < now - TOLERANCE_SECONDS) {
            throw new WebhookVerificationException("the " + TIMESTAMP + " is " + age(now - timestamp) + " old; at most "
                    + TOLERANCE_SECONDS + " s is accepted (a replayed request, or a clock that is wrong)");
        }
        if (timestamp > now + TOLERANCE_SECONDS) {
            throw new WebhookVerificationException("the " + TIMESTAMP + " is " + age(timestamp - now)
                    + " in the future; at most " + TOLERANCE_SECONDS + " s is accepted (a clock that is wrong)");
        }
    }

    private static String age(long seconds) {
        return Duration.ofSeconds(seconds).toString().substring(2).toLowerCase();
    }

    private static long timestamp(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException("the " + TIMESTAMP + " header is not seconds since the epoch: '"
                    + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
        }
    }

    private static String single(Map<String, List<String>> headers, String name) {
        List<String> values = values(headers, name);
        if (values.isEmpty() || values.get(0).isBlank()) {
            throw new WebhookVerificationException("the " + name + " header is missing");
        }
        return values.get(0);
    }

    /** The values of header {@code name}, whatever the case of its name in {@code headers}. */
    private static List<String> values(Map<String, List<String>> headers, String name) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (name.equalsIgnoreCase(header.getKey()) && header.getValue() != null) {
                header.getValue().stream().filter(Objects::nonNull).forEach(values::add);
            }
        }
        return values;
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) {
            return new byte[0]; // matches nothing: an HMAC-SHA256 has 32 bytes
        }
    }

    private byte[] hmac(byte[] prefix, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static byte[] key(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the webhook secret is missing: give the target's signing secret"
                    + " (whsec_...)");
        }
        String encoded = secret.strip();
        encoded = encoded.startsWith(SECRET_PREFIX) ? encoded.substring(SECRET_PREFIX.length()) : encoded;
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            // the message names what is wrong, never the secret
            throw new IllegalArgumentException("the webhook secret is not whsec_ followed by base64: "
                    + e.getMessage());
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("the webhook secret is empty after whsec_");
        }
        return key;
    }
}
