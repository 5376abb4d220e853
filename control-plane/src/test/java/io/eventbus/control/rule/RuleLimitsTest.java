package io.eventbus.control.rule;

import io.eventbus.control.support.AdminApi.Reply;
import io.eventbus.control.support.ControlPlaneTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The guard limits are configuration, and each refusal says which limit and how to raise it. */
@MicronautTest
class RuleLimitsTest extends ControlPlaneTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("eventbus.rules.max-rules-per-bus", "2");
        properties.put("eventbus.rules.max-targets-per-rule", "1");
        properties.put("eventbus.rules.max-pattern-length", "60");
        return properties;
    }

    @Test
    void rulesPerBus() {
        api.put("/v1/buses/default/rules/a", "{\"eventPattern\": {\"source\": [\"a\"]}}");
        api.put("/v1/buses/default/rules/b", "{\"eventPattern\": {\"source\": [\"b\"]}}");

        Reply refused = api.put("/v1/buses/default/rules/c", "{\"eventPattern\": {\"source\": [\"c\"]}}");

        assertThat(refused.problemCode(409)).isEqualTo("LimitExceeded");
        assertThat(refused.json().path("detail").asText()).contains("(EVENTBUS_RULES_MAX_RULES_PER_BUS=2)");
        assertThat(api.put("/v1/buses/default/rules/a", "{\"eventPattern\": {\"source\": [\"z\"]}}").status())
                .as("replacing an existing rule is always allowed").isEqualTo(200);
    }

    @Test
    void targetsPerRule() {
        api.post("/v1/queues", "{\"name\": \"q\"}");
        Reply refused = api.put("/v1/buses/default/rules/a", """
                {"eventPattern": {"source": ["a"]}, "targets": [
                  {"id": "1", "type": "queue", "queue": {"name": "q"}},
                  {"id": "2", "type": "queue", "queue": {"name": "q"}}]}""");

        assertThat(refused.problemCode(409)).isEqualTo("LimitExceeded");
        assertThat(refused.json().path("location").asText()).isEqualTo("targets");
        assertThat(refused.json().path("detail").asText())
                .isEqualTo("a rule may have at most 1 targets (EVENTBUS_RULES_MAX_TARGETS_PER_RULE), not 2");
    }

    @Test
    void patternLength() {
        Reply refused = api.put("/v1/buses/default/rules/a",
                "{\"eventPattern\": {\"source\": [\"" + "x".repeat(80) + "\"]}}");

        assertThat(refused.problemCode(400)).isEqualTo("InvalidEventPattern");
        assertThat(refused.json().path("detail").asText()).contains("60");
    }
}
