package io.eventbus.core.testing;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** JUnit extension: every test starts on a freshly cleaned {@link TestDatabase}. */
public final class CleanDatabase implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        TestDatabase.get().clean();
    }
}
