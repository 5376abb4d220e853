package io.eventbus.control.rule;

import io.eventbus.control.support.AdminApi.Reply;
import io.eventbus.control.support.ControlPlaneTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Where deliveries may reach private networks, a webhook to one is saved without a warning. */
@MicronautTest
class RuleWarningsWithPrivateNetworksTest extends ControlPlaneTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("eventbus.delivery.allow-private-networks", "true");
        return properties;
    }

    @Test
    void nothingIsSaid() {
        api.post("/v1/queues", "{\"name\": \"jobs\"}");

        Reply saved = api.put("/v1/buses/default/rules/orders", RuleWarningsTest.INTERNAL_TARGETS);

        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        assertThat(saved.json().path("warnings").isArray()).isTrue();
        assertThat(saved.json().path("warnings")).isEmpty();
    }
}
