package io.eventbus.core.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.problem.ValidationError;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stored target configurations read into their typed records, old ones with defaults, bad ones naming the field. */
class TargetTypeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aWebhookConfigWrittenByTheControlPlaneReadsBackTheSame() {
        WebhookConfig written = new WebhookConfig("https://example.com/hook", "PUT", 2500, Map.of("x-team", "billing"),
                "sealed-1", List.of("sealed-0"), 20, "erp", WebhookConfig.FORMAT_CLOUDEVENTS_BINARY);

        WebhookConfig read = WebhookConfig.TYPE.parse(JSON.valueToTree(written));

        assertThat(read).isEqualTo(written);
        assertThat(read.storedSigningSecrets()).containsExactly("sealed-1", "sealed-0");
        assertThat(read.cloudEventsBinary()).isTrue();
        assertThat(read.rateLimitPerSecond()).isEqualTo(20);
    }

    @Test
    void aWebhookConfigFromBeforeAFieldExistedReadsWithItsDefault() throws Exception {
        WebhookConfig read = WebhookConfig.TYPE.parse(JSON.readTree("{\"url\": \"http://h/x\"}"));

        assertThat(read.method()).isEqualTo("POST");
        assertThat(read.timeoutMillis()).isEqualTo(WebhookConfig.DEFAULT_TIMEOUT_MILLIS);
        assertThat(read.headers()).isEmpty();
        assertThat(read.storedSigningSecrets()).isEmpty();
        assertThat(read.rateLimitPerSecond()).isNull();
        assertThat(read.cloudEventsBinary()).isFalse();
    }

    @Test
    void whatCannotBeReadNamesTheField() throws Exception {
        assertThatThrownBy(() -> WebhookConfig.TYPE.parse(json("{\"method\": \"POST\"}")))
                .isInstanceOf(ValidationError.class).hasMessage("config.url is required");
        assertThatThrownBy(() -> WebhookConfig.TYPE.parse(json("{\"url\": \"u\", \"timeoutMillis\": \"soon\"}")))
                .isInstanceOf(ValidationError.class).hasMessage("config.timeoutMillis must be a whole number");
        assertThatThrownBy(() -> WebhookConfig.TYPE.parse(json("{\"url\": \"u\", \"headers\": {\"a\": 1}}")))
                .isInstanceOf(ValidationError.class).hasMessage("config.headers.a must be a string");
        assertThatThrownBy(() -> WebhookConfig.TYPE.parse(json("{\"url\": \"u\", \"previousSigningSecrets\": [1]}")))
                .isInstanceOf(ValidationError.class).hasMessage("config.previousSigningSecrets[0] must be a string");
        assertThatThrownBy(() -> QueueConfig.TYPE.parse(json("{}")))
                .isInstanceOf(ValidationError.class).hasMessage("config.name is required");
        assertThatThrownBy(() -> QueueConfig.TYPE.parse(json("[]")))
                .isInstanceOf(ValidationError.class).hasMessage("the configuration of a queue target is not a JSON object");
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
