package io.eventbus.data.settings;

import io.eventbus.core.startup.StartupFailure;
import io.eventbus.core.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A bad value of a setting stops the start of the whole application (not the first request that needs it), with
 * one line that names the environment variable and what it may be.
 */
class BadSettingsStopTheStartTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "eventbus.ingest.account           | 12345        | EVENTBUS_INGEST_ACCOUNT must be 12 digits, not '12345'",
            "eventbus.ingest.region            | EU_West      | EVENTBUS_INGEST_REGION must be lower-case letters",
            "eventbus.ingest.max-entry-bytes   | 0            | EVENTBUS_INGEST_MAX_ENTRY_BYTES must be from 1 to",
            "eventbus.delivery.max-in-flight   | 0            | EVENTBUS_DELIVERY_MAX_IN_FLIGHT must be from 1 to",
            "eventbus.delivery.lease           | 10ms         | EVENTBUS_DELIVERY_LEASE must be at least 1s, not 10ms",
            "eventbus.outbox.writers           | 0            | EVENTBUS_OUTBOX_WRITERS must be from 1 to 64, not 0",
            "eventbus.replay.page-size         | 0            | EVENTBUS_REPLAY_PAGE_SIZE must be from 1 to",
    })
    void aBadValueStopsTheStartNamingItsVariable(String property, String value, String message) {
        Map<String, Object> properties = new HashMap<>(TestDatabase.get().micronautProperties());
        properties.put("eventbus.delivery.enabled", "false");
        properties.put(property, value);

        Throwable thrown = catchThrowable(() -> ApplicationContext.run(properties).close());

        assertThat(causeOf(thrown)).isNotNull().extracting(Throwable::getMessage).asString().startsWith(message);
    }

    private static StartupFailure causeOf(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof StartupFailure failure) {
                return failure;
            }
        }
        return null;
    }
}
