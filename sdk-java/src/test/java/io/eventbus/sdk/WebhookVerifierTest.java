package io.eventbus.sdk;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link WebhookVerifier} on its own, with the Standard Webhooks test vector and requests signed here. */
class WebhookVerifierTest {

    // The test vector of the Standard Webhooks reference libraries (standard-webhooks/standard-webhooks,
    // libraries/java WebhookTest.verifyWebhookSignWorks, the same in every language).
    static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long SPEC_TIMESTAMP = 1614265330;
    static final String SPEC_PAYLOAD = "{\"test\": 2432232314}";
    static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    static final String OTHER_SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void acceptsTheSpecsTestVector() {
        assertThatCode(() -> verifierAt(SPEC_SECRET, SPEC_TIMESTAMP).verify(SPEC_PAYLOAD,
                headers(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE))).doesNotThrowAnyException();
        assertThatCode(() -> verifierAt(SPEC_SECRET, SPEC_TIMESTAMP).verify(SPEC_PAYLOAD.getBytes(StandardCharsets.UTF_8),
                headers(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE))).as("the bytes as received").doesNotThrowAnyException();
    }

    @Test
    void theSecretMayComeWithoutItsPrefix() {
        assertThatCode(() -> verifierAt(SPEC_SECRET.substring("whsec_".length()), SPEC_TIMESTAMP)
                .verify(SPEC_PAYLOAD, headers(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE))).doesNotThrowAnyException();
    }

    @Test
    void headerNamesMayBeInAnyCase() {
        Map<String, List<String>> headers = Map.of("Webhook-Id", List.of(SPEC_ID),
                "WEBHOOK-TIMESTAMP", List.of(Long.toString(SPEC_TIMESTAMP)), "Webhook-signature", List.of(SPEC_SIGNATURE));

        assertThatCode(() -> verifierAt(SPEC_SECRET, SPEC_TIMESTAMP).verify(SPEC_PAYLOAD, headers))
                .doesNotThrowAnyException();
    }

    @Test
    void oneMatchingSignatureAmongSeveralIsEnough() {
        String others = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v1a,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=";
        WebhookVerifier verifier = verifierAt(SPEC_SECRET, SPEC_TIMESTAMP);

        assertThatCode(() -> verifier.verify(SPEC_PAYLOAD, headers(SPEC_ID, SPEC_TIMESTAMP, others + " " + SPEC_SIGNATURE)))
                .doesNotThrowAnyException();
        assertThatCode(() -> verifier.verify(SPEC_PAYLOAD, headers(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE + " " + others)))
                .doesNotThrowAnyException();
        Map<String, List<String>> twoLines = Map.of("webhook-id", List.of(SPEC_ID), "webhook-timestamp",
                List.of(Long.toString(SPEC_TIMESTAMP)), "webhook-signature", List.of(others, SPEC_SIGNATURE));
        assertThatCode(() -> verifier.verify(SPEC_PAYLOAD, twoLines)).as("the header sent twice")
                .doesNotThrowAnyException();
    }

    @Test
    void duringARotationEitherSecretVerifies() {
        long now = 1_800_000_000L;
        String signatures = sign(OTHER_SECRET, "msg_1", now, "{}") + " " + sign(SPEC_SECRET, "msg_1", now, "{}");

        assertThatCode(() -> verifierAt(OTHER_SECRET, now).verify("{}", headers("msg_1", now, signatures)))
                .doesNotThrowAnyException();
        assertThatCode(() -> verifierAt(SPEC_SECRET, now).verify("{}", headers("msg_1", now, signatures)))
                .doesNotThrowAnyException();
    }

    @Test
    void aChangedPayloadIdOrTimestampDoesNotMatch() {
        WebhookVerifier verifier = verifierAt(SPEC_SECRET, SPEC_TIMESTAMP);

        assertThatThrownBy(() -> verifier.verify("{\"test\": 2432232315}", headers(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE)))
                .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("no signature matches");
        assertThatThrownBy(() -> verifier.verify("{\"test\":2432232314}", headers(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE)))
                .as("the same JSON, written again").isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> verifier.verify(SPEC_PAYLOAD, headers("msg_other", SPEC_TIMESTAMP, SPEC_SIGNATURE)))
                .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("no signature matches");
        assertThatThrownBy(() -> verifier.verify(SPEC_PAYLOAD, headers(SPEC_ID, SPEC_TIMESTAMP + 1, SPEC_SIGNATURE)))
                .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("no signature matches");
    }

    @Test
    void aWrongSecretDoesNotMatch() {
        assertThatThrownBy(() -> verifierAt(OTHER_SECRET, SPEC_TIMESTAMP).verify(SPEC_PAYLOAD,
                headers(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE)))
                .isInstanceOf(WebhookVerificationException.class)
                .hasMessageContaining("no signature matches the payload (1 v1 signature checked)");
    }

    @Test
    void signaturesOfAnotherSchemeOrNotBase64MatchNothing() {
        WebhookVerifier verifier = verifierAt(SPEC_SECRET, SPEC_TIMESTAMP);

        assertThatThrownBy(() -> verifier.verify(SPEC_PAYLOAD, headers(SPEC_ID, SPEC_TIMESTAMP,
                "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= invalid_signature")))
                .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("holds no v1 signature");
        assertThatThrownBy(() -> verifier.verify(SPEC_PAYLOAD, headers(SPEC_ID, SPEC_TIMESTAMP, "v1,invalid_signature!")))
                .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("no signature matches");
    }

    @Test
    void theTimestampMayBeFiveMinutesOffEitherWayAndNoMore() {
        Map<String, List<String>> signed = headers(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE);

        assertThatCode(() -> verifierAt(SPEC_SECRET, SPEC_TIMESTAMP + 300).verify(SPEC_PAYLOAD, signed))
                .doesNotThrowAnyException();
        assertThatCode(() -> verifierAt(SPEC_SECRET, SPEC_TIMESTAMP - 300).verify(SPEC_PAYLOAD, signed))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> verifierAt(SPEC_SECRET, SPEC_TIMESTAMP + 301).verify(SPEC_PAYLOAD, signed))
                .isInstanceOf(WebhookVerificationException.class)
                .hasMessageContaining("webhook-timestamp is 5m1s old");
        assertThatThrownBy(() -> verifierAt(SPEC_SECRET, SPEC_TIMESTAMP - 301).verify(SPEC_PAYLOAD, signed))
                .isInstanceOf(WebhookVerificationException.class)
                .hasMessageContaining("webhook-timestamp is 5m1s in the future");
        assertThatThrownBy(() -> new WebhookVerifier(SPEC_SECRET).verify(SPEC_PAYLOAD, signed))
                .as("the system clock: 2021 is long gone").isInstanceOf(WebhookVerificationException.class)
                .hasMessageContaining("old");
    }

    @Test
    void eachMissingHeaderIsNamed() {
        WebhookVerifier verifier = verifierAt(SPEC_SECRET, SPEC_TIMESTAMP);
        for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
            Map<String, List<String>> headers = new HashMap<>(headers(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE));
            headers.remove(name);

            assertThatThrownBy(() -> verifier.verify(SPEC_PAYLOAD, headers))
                    .isInstanceOf(WebhookVerificationException.class).hasMessage("the " + name + " header is missing");
        }
        Map<String, List<String>> empty = new HashMap<>(headers(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE));
        empty.put("webhook-id", List.of());
        assertThatThrownBy(() -> verifier.verify(SPEC_PAYLOAD, empty)).hasMessage("the webhook-id header is missing");
    }

    @Test
    void aTimestampThatIsNotANumberIsRefused() {
        Map<String, List<String>> headers = Map.of("webhook-id", List.of(SPEC_ID),
                "webhook-timestamp", List.of("2021-02-25T15:02:10Z"), "webhook-signature", List.of(SPEC_SIGNATURE));

        assertThatThrownBy(() -> verifierAt(SPEC_SECRET, SPEC_TIMESTAMP).verify(SPEC_PAYLOAD, headers))
                .isInstanceOf(WebhookVerificationException.class)
                .hasMessageContaining("webhook-timestamp header is not seconds since the epoch");
    }

    @Test
    void aSecretThatIsNotOneIsAConfigurationErrorThatDoesNotRepeatIt() {
        assertThatThrownBy(() -> new WebhookVerifier("whsec_not base64!")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not whsec_ followed by base64").hasMessageNotContaining("not base64!");
        assertThatThrownBy(() -> new WebhookVerifier("whsec_")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> new WebhookVerifier(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing");
    }

    static WebhookVerifier verifierAt(String secret, long epochSecond) {
        return new WebhookVerifier(secret, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    static Map<String, List<String>> headers(String id, long timestamp, String signature) {
        return Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(Long.toString(timestamp)),
                "webhook-signature", List.of(signature));
    }

    /** A signature as the spec defines it, written out here so that the verifier is not checked against itself. */
    static String sign(String secret, String id, long timestamp, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] signature = mac.doFinal((id + "." + timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signature);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
