package io.eventbus.core.testing;

import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

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
}
