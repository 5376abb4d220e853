package io.eventbus.server.support;

import io.eventbus.core.testing.WithTestDatabase;

import java.util.Map;

/** A {@code @MicronautTest} of the whole server: the JVM's test database and a known admin token. */
public interface WithAdminToken extends WithTestDatabase {

    String ADMIN_TOKEN = "an-admin-token-for-tests";

    @Override
    default Map<String, String> getProperties() {
        return propertiesWith("eventbus.admin.token", ADMIN_TOKEN);
    }
}
