package io.eventbus.server;

import io.eventbus.core.role.Role;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerSettingsTest {

    @Test
    void defaultsToEveryRoleTheEmbeddedDatabaseAndPort8080() {
        ServerSettings settings = ServerSettings.from(Map.of(), Map.of());

        assertThat(settings.roles()).isEqualTo(EnumSet.allOf(Role.class));
        assertThat(settings.home()).isEqualTo(Path.of(".eventbus").toAbsolutePath());
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.embeddedDatabase()).isTrue();
        assertThat(settings.needsHome()).isTrue();
    }

    @Test
    void readsTheEnvironment() {
        ServerSettings settings = ServerSettings.from(Map.of(
                "EVENTBUS_ROLES", "data",
                "EVENTBUS_HOME", "/var/lib/eventbus",
                "MICRONAUT_SERVER_PORT", "9090",
                "DATASOURCES_DEFAULT_URL", "jdbc:postgresql://db:5432/eventbus",
                "DATASOURCES_DEFAULT_USERNAME", "eb",
                "EVENTBUS_SECRET_KEY", "a key from a kubernetes secret"), Map.of());

        assertThat(settings.roles()).containsExactly(Role.DATA);
        assertThat(settings.home()).isEqualTo(Path.of("/var/lib/eventbus"));
        assertThat(settings.port()).isEqualTo(9090);
        assertThat(settings.externalUrl()).contains("jdbc:postgresql://db:5432/eventbus");
        assertThat(settings.externalUsername()).isEqualTo("eb");
        assertThat(settings.needsHome()).as("a data-plane replica on an external database keeps no files").isFalse();
    }

    @Test
    void aControlPlaneOnAnExternalDatabaseNeedsTheHomeOnlyForAGeneratedToken() {
        Map<String, String> external = Map.of("DATASOURCES_DEFAULT_URL", "jdbc:postgresql://db/eventbus",
                "EVENTBUS_ROLES", "control");
        assertThat(ServerSettings.from(external, Map.of()).needsHome()).isTrue();

        Map<String, String> withToken = new java.util.HashMap<>(external);
        withToken.put("EVENTBUS_ADMIN_TOKEN", "a-token-from-a-kubernetes-secret");
        assertThat(ServerSettings.from(withToken, Map.of()).needsHome()).as("for a generated secret key").isTrue();
        withToken.put("EVENTBUS_SECRET_KEY", "a key from a kubernetes secret");
        assertThat(ServerSettings.from(withToken, Map.of()).needsHome()).isFalse();
    }

    @Test
    void anyProcessNeedsTheHomeForAGeneratedSecretKey() {
        Map<String, String> dataPlane = Map.of("DATASOURCES_DEFAULT_URL", "jdbc:postgresql://db/eventbus",
                "EVENTBUS_ROLES", "data");
        assertThat(ServerSettings.from(dataPlane, Map.of()).needsHome()).isTrue();
        assertThat(ServerSettings.from(dataPlane, Map.of("eventbus.secret-key", "k")).needsHome()).isFalse();
    }

    @Test
    void aSystemPropertyWinsOverTheEnvironment() {
        ServerSettings settings = ServerSettings.from(Map.of("EVENTBUS_HOME", "/from/env"),
                Map.of("eventbus.home", "/from/property"));

        assertThat(settings.home()).isEqualTo(Path.of("/from/property"));
    }

    @Test
    void refusesAPortThatIsNotOne() {
        assertThatThrownBy(() -> ServerSettings.from(Map.of("MICRONAUT_SERVER_PORT", "80800"), Map.of()))
                .hasMessageContaining("MICRONAUT_SERVER_PORT=80800 is not a port");
        assertThatThrownBy(() -> ServerSettings.from(Map.of("MICRONAUT_SERVER_PORT", "http"), Map.of()))
                .hasMessageContaining("is not a port");
    }
}
