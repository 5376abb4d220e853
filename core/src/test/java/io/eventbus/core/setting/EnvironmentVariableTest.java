package io.eventbus.core.setting;

import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvironmentVariableTest {

    @ParameterizedTest
    @CsvSource({
            "eventbus.ingest.max-entries-per-request, EVENTBUS_INGEST_MAX_ENTRIES_PER_REQUEST",
            "eventbus.queue.max-long-polls, EVENTBUS_QUEUE_MAX_LONG_POLLS",
            "eventbus.delivery.allow-private-networks, EVENTBUS_DELIVERY_ALLOW_PRIVATE_NETWORKS",
            "eventbus.secret-key, EVENTBUS_SECRET_KEY"})
    void namesTheVariableUsersSet(String property, String variable) {
        assertThat(EnvironmentVariable.of(property)).isEqualTo(variable);

        PropertySource environment = PropertySource.of("env", Map.of(variable, "set"),
                PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE, PropertySource.Origin.of("env"));
        assertThat(new PropertySourcePropertyResolver(environment).getProperty(property, String.class))
                .as("the variable sets the property").hasValue("set");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "EVENTBUS_QUEUE", "eventbus.queue.maxLongPolls", "eventbus..queue", "eventbus.queue."})
    void refusesWhatIsNoPropertyName(String property) {
        assertThatThrownBy(() -> EnvironmentVariable.of(property)).isInstanceOf(IllegalArgumentException.class);
    }
}
