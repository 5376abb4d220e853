package io.eventbus.control.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.control.support.AdminApi.Reply;
import io.eventbus.control.support.ControlPlaneTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Saving a webhook that deliveries will refuse (an internal address, private networks not allowed) succeeds and
 * says so, where the URL is; with private networks allowed, nothing is said.
 */
@MicronautTest
class RuleWarningsTest extends ControlPlaneTest {

    static final String INTERNAL_TARGETS = """
            {"eventPattern": {"source": ["shop.orders"]}, "targets": [
              {"id": "loopback", "type": "webhook", "webhook": {"url": "http://127.0.0.1:9000/hook"}},
              {"id": "public", "type": "webhook", "webhook": {"url": "https://93.184.216.34/hook"}},
              {"id": "queue", "type": "queue", "queue": {"name": "jobs"}},
              {"id": "metadata", "type": "webhook", "webhook": {"url": "http://169.254.169.254/latest/meta-data"}},
              {"id": "local", "type": "webhook", "webhook": {"url": "http://LOCALHOST:8080/x"}},
              {"id": "v6", "type": "webhook", "webhook": {"url": "http://[fd00::5]/x"}}]}""";

    @Test
    void aWebhookToAnInternalAddressIsSavedWithAWarningWhereItsUrlIs() {
        api.post("/v1/queues", "{\"name\": \"jobs\"}");

        Reply saved = api.put("/v1/buses/default/rules/orders", INTERNAL_TARGETS);

        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        JsonNode warnings = saved.json().path("warnings");
        assertThat(warnings).extracting(w -> w.path("code").asText()).containsOnly("EGRESS_BLOCKED");
        assertThat(warnings).extracting(w -> w.path("location").asText()).containsExactly(
                "targets[0].webhook.url", "targets[3].webhook.url", "targets[4].webhook.url", "targets[5].webhook.url");
        assertThat(warnings).extracting(w -> w.path("message").asText()).allSatisfy(message -> assertThat(message)
                .startsWith("Deliveries will refuse this address: ")
                .contains("private networks (loopback, private, link-local and cloud metadata addresses) are not"
                        + " allowed on this installation")
                .contains("set EVENTBUS_DELIVERY_ALLOW_PRIVATE_NETWORKS=true"));
        assertThat(warnings.get(0).path("message").asText()).contains("127.0.0.1 is a loopback address");
        assertThat(warnings.get(1).path("message").asText()).contains("169.254.169.254 is the cloud metadata address");
        assertThat(warnings.get(2).path("message").asText()).contains("LOCALHOST is a loopback address");
        assertThat(warnings.get(3).path("message").asText()).contains("fd00::5 is a private network address");
        assertThat(api.get("/v1/buses/default/rules/orders").json().path("targets").size()).as("saved all the same")
                .isEqualTo(6);
    }

    @Test
    void warningsAreAlwaysInTheAnswersOfPutAndGetButNotInTheList() {
        Reply clean = api.put("/v1/buses/default/rules/clean", """
                {"eventPattern": {"source": ["a"]},
                 "targets": [{"id": "hook", "type": "webhook", "webhook": {"url": "https://93.184.216.34/hook"}}]}""");
        assertThat(clean.status()).isEqualTo(201);
        assertThat(clean.json().path("warnings").isArray()).isTrue();
        assertThat(clean.json().path("warnings")).isEmpty();

        Reply replaced = api.put("/v1/buses/default/rules/clean", """
                {"eventPattern": {"source": ["a"]},
                 "targets": [{"id": "hook", "type": "webhook", "webhook": {"url": "http://10.1.2.3/hook"}}]}""");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().path("warnings")).singleElement()
                .satisfies(w -> assertThat(w.path("message").asText()).contains("10.1.2.3 is a private network address"));

        JsonNode read = api.get("/v1/buses/default/rules/clean").json();
        assertThat(read.path("warnings")).singleElement()
                .satisfies(w -> assertThat(w.path("location").asText()).isEqualTo("targets[0].webhook.url"));
        JsonNode listed = api.get("/v1/buses/default/rules").json().path("rules");
        assertThat(listed).singleElement().satisfies(rule -> assertThat(rule.has("warnings")).isFalse());
    }
}
