package io.eventbus.data.deliver;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SignWebhookTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void matchesTheStandardWebhooksReferenceVector() {
        // Computed independently (Python hmac) for the Standard Webhooks example secret, id, timestamp and body.
        assertThat(SignWebhook.signature("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, BODY, List.of(SECRET)))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void signsWithEveryActiveSecretSoAReceiverWithEitherVerifies() throws Exception {
        String older = "whsec_" + Base64.getEncoder().encodeToString("another-key-of-24-bytes!".getBytes(StandardCharsets.UTF_8));

        String header = SignWebhook.signature("d-1", 1_700_000_000L, BODY, List.of(SECRET, older));

        String[] parts = header.split(" ");
        assertThat(parts).hasSize(2);
        assertThat(parts[0]).isEqualTo("v1," + receiverComputes(SECRET, "d-1", 1_700_000_000L, BODY));
        assertThat(parts[1]).isEqualTo("v1," + receiverComputes(older, "d-1", 1_700_000_000L, BODY));
    }

    /** What a receiver does per the spec, written independently of the code under test. */
    private static String receiverComputes(String secret, String id, long timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
        String content = id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8);
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }
}
