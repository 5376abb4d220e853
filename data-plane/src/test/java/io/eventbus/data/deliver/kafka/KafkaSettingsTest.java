package io.eventbus.data.deliver.kafka;

import io.eventbus.core.startup.StartupFailure;
import io.eventbus.core.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A bad {@code eventbus.delivery.kafka.*} value stops the start, naming its variable, not the first Kafka send. */
class KafkaSettingsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "eventbus.delivery.kafka.delivery-timeout | 5s   "
                    + "| EVENTBUS_DELIVERY_KAFKA_DELIVERY_TIMEOUT must be at least 10005ms, not 5s",
            "eventbus.delivery.kafka.max-block        | 10ms "
                    + "| EVENTBUS_DELIVERY_KAFKA_MAX_BLOCK must be at least 100ms, not 10ms",
    })
    void aBadValueStopsTheStartNamingItsVariable(String property, String value, String message) {
        Map<String, Object> properties = new HashMap<>(TestDatabase.get().micronautProperties());
        properties.put("eventbus.delivery.enabled", "false");
        properties.put(property, value);

        Throwable thrown = catchThrowable(() -> ApplicationContext.run(properties).close());

        assertThat(causeOf(thrown)).isNotNull().extracting(Throwable::getMessage).isEqualTo(message);
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
