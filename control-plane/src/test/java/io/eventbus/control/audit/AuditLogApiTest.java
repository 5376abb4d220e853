package io.eventbus.control.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.control.support.ControlPlaneTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class AuditLogApiTest extends ControlPlaneTest {

    @Test
    void recordsWhoChangedWhatAndWhenNewestFirst() {
        api.post("/v1/buses", "{\"name\": \"orders\"}");
        api.put("/v1/buses/orders/rules/r", "{\"eventPattern\": {\"source\": [\"shop\"]}}");
        api.post("/v1/buses", "{\"name\": \"orders\"}"); // refused: not a change
        api.delete("/v1/buses/orders?force=true");

        JsonNode entries = api.get("/v1/audit-log").json().path("entries");
        List<String> actions = new ArrayList<>();
        entries.forEach(e -> actions.add(e.path("action").asText() + " " + e.path("resource").asText()));

        assertThat(actions).containsExactly("bus.delete buses/orders", "rule.put buses/orders/rules/r",
                "bus.create buses/orders");
        assertThat(entries.get(0).path("actor").asText()).startsWith("admin@");
        assertThat(entries.get(0).has("at")).isTrue();
        assertThat(entries.get(0).path("detail").path("force").asBoolean()).isTrue();
    }
}
