package io.eventbus.control.support;

import io.eventbus.core.testing.WithTestDatabase;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * Base of HTTP tests of the control plane: a real server on a free port, the JVM's test database cleaned
 * before each test, and {@link #api} with the admin token. Subclasses add {@code @MicronautTest}.
 */
public abstract class ControlPlaneTest implements WithTestDatabase {

    @Inject
    protected EmbeddedServer server;

    protected AdminApi api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(WithTestDatabase.super.getProperties());
        properties.putAll(AdminApi.properties());
        return properties;
    }

    @org.junit.jupiter.api.BeforeEach
    void connect() {
        api = new AdminApi(URI.create(server.getURL().toString()));
    }
}
