package io.eventbus.server;

import io.eventbus.core.role.Role;
import io.eventbus.core.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The banner says whether webhooks may reach private networks, in a control-only process too. */
class BannerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "false | control      | webhooks:     public addresses only (EVENTBUS_DELIVERY_ALLOW_PRIVATE_NETWORKS=true allows private networks)",
            "true  | control      | webhooks:     private networks allowed",
            "true  | control,data | webhooks:     private networks allowed"})
    void saysWhetherWebhooksMayReachPrivateNetworks(String allowed, String roles, String line) {
        Map<String, Object> properties = new HashMap<>(TestDatabase.get().micronautProperties());
        properties.put("eventbus.delivery.allow-private-networks", allowed);
        properties.put(Role.PROPERTY, roles);
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            Banner.print(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new Banner.Facts("http://127.0.0.1:1", Role.parse(roles), "test", context, 0));

            assertThat(out.toString(StandardCharsets.UTF_8)).contains("\n  " + line + "\n");
        }
    }
}
