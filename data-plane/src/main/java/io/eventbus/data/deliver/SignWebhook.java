package io.eventbus.data.deliver;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Standard Webhooks signatures: {@code webhook-signature} is {@code v1,<base64 HMAC-SHA256 of
 * "{webhook-id}.{webhook-timestamp}.{body}">}, once per active secret, separated by spaces, so a receiver
 * that knows any one of the secrets verifies it (secrets can be rotated without a gap). A secret is
 * {@code whsec_} followed by the base64 of its key bytes. Pure function, thread-safe.
 */
public final class SignWebhook {

    static final String SECRET_PREFIX = "whsec_";
    /** One Mac per thread: looking the algorithm up costs more than the HMAC of a small body. */
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    });

    private SignWebhook() {
    }

    /**
     * @param id        the {@code webhook-id}: the delivery's id, the same on every retry
     * @param timestamp the {@code webhook-timestamp}: seconds since the epoch
     * @param body      the exact bytes sent
     * @param secrets   the target's active secrets, newest first
     */
    public static String signature(String id, long timestamp, byte[] body, List<String> secrets) {
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        return secrets.stream().map(secret -> "v1," + hmac(key(secret), prefix, body)).collect(Collectors.joining(" "));
    }

    private static byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }

    private static String hmac(byte[] key, byte[] prefix, byte[] body) {
        try {
            Mac mac = MAC.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix);
            mac.update(body);
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the signing key is not a valid HmacSHA256 key", e);
        }
    }
}
