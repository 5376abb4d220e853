package io.eventbus.core.testing;

import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashMap;
import java.util.Map;

/**
 * Implement this on a {@code @MicronautTest} class (or any JUnit test) to run against the JVM's
 * {@link TestDatabase}, cleaned before each test.
 */
@ExtendWith(CleanDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public interface WithTestDatabase extends TestPropertyProvider {

    @Override
    default Map<String, String> getProperties() {
        return TestDatabase.get().micronautProperties();
    }

    /** The test database's properties and {@code more}, given as name, value, name, value... */
    default Map<String, String> propertiesWith(String... more) {
        if (more.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        Map<String, String> properties = new HashMap<>(TestDatabase.get().micronautProperties());
        for (int i = 0; i < more.length; i += 2) {
            properties.put(more[i], more[i + 1]);
        }
        return properties;
    }
}
