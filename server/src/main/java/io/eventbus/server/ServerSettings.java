package io.eventbus.server;

import io.eventbus.core.role.Role;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the launcher must know before the application context exists: the roles, the home directory and the
 * database. Read from environment variables (a system property of the same name in dotted lower case, e.g.
 * {@code -Deventbus.home=...}, wins). Everything else is ordinary Micronaut configuration.
 *
 * @param roles       {@code EVENTBUS_ROLES}; default every role
 * @param home        {@code EVENTBUS_HOME}; default {@code ./.eventbus}
 * @param port        {@code MICRONAUT_SERVER_PORT}; default 8080, -1 for any free port
 * @param externalUrl {@code DATASOURCES_DEFAULT_URL}; empty means "start the embedded PostgreSQL"
 */
record ServerSettings(Set<Role> roles, Path home, int port, Optional<String> externalUrl, String externalUsername,
                      String externalPassword, boolean adminTokenConfigured, boolean secretKeyConfigured) {

    static final String DEFAULT_HOME = ".eventbus";
    static final int DEFAULT_PORT = 8080;

    static ServerSettings from(Map<String, String> env, Map<Object, Object> systemProperties) {
        Lookup lookup = new Lookup(env, systemProperties);
        return new ServerSettings(
                Role.parse(lookup.get("EVENTBUS_ROLES").orElse(null)),
                Path.of(lookup.get("EVENTBUS_HOME").orElse(DEFAULT_HOME)).toAbsolutePath().normalize(),
                lookup.get("MICRONAUT_SERVER_PORT").map(ServerSettings::port).orElse(DEFAULT_PORT),
                lookup.get("DATASOURCES_DEFAULT_URL"),
                lookup.get("DATASOURCES_DEFAULT_USERNAME").orElse(""),
                lookup.get("DATASOURCES_DEFAULT_PASSWORD").orElse(""),
                lookup.get("EVENTBUS_ADMIN_TOKEN").isPresent(),
                lookup.get("EVENTBUS_SECRET_KEY").isPresent() || systemProperties.containsKey("eventbus.secret-key"));
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port == -1 || (port >= 0 && port <= 65535)) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("MICRONAUT_SERVER_PORT=" + value + " is not a port (0-65535, or -1 for any)");
    }

    boolean embeddedDatabase() {
        return externalUrl.isEmpty();
    }

    /**
     * The home directory holds the embedded database and, unless they are configured, the admin token and the
     * secret key.
     */
    boolean needsHome() {
        return embeddedDatabase() || (roles.contains(Role.CONTROL) && !adminTokenConfigured) || !secretKeyConfigured;
    }

    private record Lookup(Map<String, String> env, Map<Object, Object> systemProperties) {
        Optional<String> get(String variable) {
            Object property = systemProperties.get(variable.toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
            String value = property != null ? property.toString() : env.get(variable);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        }
    }
}
