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

    @Test
    void filtersByResourceActionAndTimeAPageAtATime() {
        api.post("/v1/buses", "{\"name\": \"orders\"}");
        api.post("/v1/buses", "{\"name\": \"orders_2\"}");
        api.put("/v1/buses/orders/rules/a", "{\"eventPattern\": {\"source\": [\"shop\"]}}");
        api.put("/v1/buses/orders/rules/b", "{\"eventPattern\": {\"source\": [\"shop\"]}}");
        api.post("/v1/queues", "{\"name\": \"jobs\"}");

        assertThat(actions("/v1/audit-log?resource=buses/orders/")).containsExactly("rule.put buses/orders/rules/b",
                "rule.put buses/orders/rules/a");
        assertThat(actions("/v1/audit-log?resource=buses/orders_")).as("_ is no wildcard")
                .containsExactly("bus.create buses/orders_2");
        assertThat(actions("/v1/audit-log?action=queue.")).containsExactly("queue.create queues/jobs");
        assertThat(actions("/v1/audit-log?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z")).isEmpty();

        List<String> paged = new ArrayList<>();
        String next = "";
        int pages = 0;
        do {
            JsonNode page = api.get("/v1/audit-log?limit=2" + (next.isEmpty() ? "" : "&before=" + next)).json();
            page.path("entries").forEach(e -> paged.add(e.path("action").asText() + " " + e.path("resource").asText()));
            next = page.path("next").asText();
            pages++;
        } while (!next.isEmpty());
        assertThat(pages).isEqualTo(3);
        assertThat(paged).containsExactlyElementsOf(actions("/v1/audit-log"));
        assertThat(api.get("/v1/audit-log?before=nonsense").json().path("location").asText())
                .isEqualTo("query: before");
        assertThat(api.get("/v1/audit-log?from=today").json().path("location").asText()).isEqualTo("query: from");
    }

    private List<String> actions(String path) {
        List<String> actions = new ArrayList<>();
        api.get(path).json().path("entries")
                .forEach(e -> actions.add(e.path("action").asText() + " " + e.path("resource").asText()));
        return actions;
    }
}
