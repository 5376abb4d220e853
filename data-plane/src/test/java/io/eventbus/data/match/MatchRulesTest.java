package io.eventbus.data.match;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.eventbus.core.testing.TestDatabase;
import io.eventbus.core.testing.WithTestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class MatchRulesTest implements WithTestDatabase {

    static final String ORDER = "{\"version\":\"0\",\"id\":\"1\",\"detail-type\":\"t\",\"source\":\"shop.orders\","
            + "\"account\":\"0\",\"time\":\"2026-11-26T10:00:00Z\",\"region\":\"local\",\"resources\":[],\"detail\":{}}";

    @Inject
    MatchRules match;

    @Inject
    MeterRegistry meters;

    @BeforeEach
    void rule() throws Exception {
        sql("INSERT INTO rule (bus_id, name, event_pattern) SELECT id, 'orders', '{\"source\": [\"shop.orders\"]}'"
                + " FROM bus WHERE name = 'default'");
        match.refresh("default");
    }

    @Test
    void theResyncLeavesAnUnchangedBusAlone() {
        BusRules before = match.bus("default").orElseThrow();

        match.refreshAll();

        assertThat(match.bus("default").orElseThrow()).isSameAs(before);
    }

    @Test
    void theResyncRebuildsABusWhoseRulesChangedWithoutANotification() throws Exception {
        BusRules before = match.bus("default").orElseThrow();
        assertThat(match.match(before, ORDER)).extracting(BusRules.MatchedRule::name).containsExactly("orders");

        sql("UPDATE rule SET state = 'DISABLED', version = version + 1, updated_at = now() WHERE name = 'orders'");
        match.refreshAll();

        BusRules after = match.bus("default").orElseThrow();
        assertThat(after).isNotSameAs(before);
        assertThat(match.match(after, ORDER)).isEmpty();
    }

    @Test
    void aGaugeCountsTheRulesEachBusHasCompiledHere() throws Exception {
        assertThat(compiled("default")).isEqualTo(1.0);

        sql("INSERT INTO rule (bus_id, name, event_pattern) SELECT id, 'more', '{\"source\": [\"shop.more\"]}'"
                + " FROM bus WHERE name = 'default'");
        assertThat(compiled("default")).as("not yet rebuilt").isEqualTo(1.0);
        match.refresh("default");

        assertThat(compiled("default")).isEqualTo(2.0);
    }

    /**
     * Micrometer logs a gauge registered twice at WARN once per JVM, then at DEBUG; listening at DEBUG catches a
     * second registration whichever test made the first.
     */
    @Test
    void ruleChangesRegisterTheGaugeOfTheirBusOnce() throws Exception {
        Logger registry = (Logger) LoggerFactory.getLogger(MeterRegistry.class);
        Level level = registry.getLevel();
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        registry.addAppender(logged);
        registry.setLevel(Level.DEBUG);
        try {
            sql("INSERT INTO rule (bus_id, name, event_pattern) SELECT id, 'more', '{\"source\": [\"shop.more\"]}'"
                    + " FROM bus WHERE name = 'default'");
            match.refresh("default");
            sql("DELETE FROM rule WHERE name = 'orders'");
            match.refresh("default");
        } finally {
            registry.detachAppender(logged);
            registry.setLevel(level);
        }

        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(message -> message.contains("already registered"));
        assertThat(meters.find("eventbus.match.rules").tag("bus", "default").gauges()).hasSize(1);
        assertThat(compiled("default")).isEqualTo(1.0);
    }

    private double compiled(String bus) {
        return meters.get("eventbus.match.rules").tag("bus", bus).gauge().value();
    }

    @Test
    void aDeletedBusIsForgotten() throws Exception {
        sql("INSERT INTO bus (name) VALUES ('gone')");
        assertThat(match.bus("gone")).isPresent();

        sql("DELETE FROM bus WHERE name = 'gone'");
        match.refreshAll();

        assertThat(match.bus("gone")).isEmpty();
    }

    private static void sql(String sql) {
        TestDatabase.get().execute(sql);
    }
}
