package io.eventbus.control.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.control.support.ControlPlaneTest;
import io.eventbus.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Target health from the per-minute counts: the same counts as from every attempt, before and after the roll-up,
 * each minute added once; latency percentiles to the bucket.
 */
@MicronautTest
class TargetMinutesTest extends ControlPlaneTest {

    @Inject
    RollUpTargetMinutes rollUp;

    /** The test rolls up itself: a scheduled run would hold the roll-up's lock meanwhile. */
    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("eventbus.health.roll-up-initial-delay", "1h");
        return properties;
    }

    @BeforeEach
    void aTargetWithAHundredAttemptsOverSixteenHours() {
        assertThat(api.post("/v1/buses", "{\"name\": \"b\"}").status()).isEqualTo(201);
        assertThat(api.put("/v1/buses/b/rules/r", """
                {"eventPattern": {"source": ["shop"]}, "targets": [
                 {"id": "t", "type": "webhook", "webhook": {"url": "https://example.com/hook"}}]}""").status())
                .isEqualTo(201);
        // attempt i: i * 10 minutes ago, i ms; every 10th failed and dead-lettered, the rest delivered
        TestDatabase.get().execute("""
                WITH d AS (
                    INSERT INTO delivery (id, event_id, event_ingested_at, bus_id, rule_name, target_id, state, attempt,
                                          finished_at, last_error)
                    SELECT gen_random_uuid(), gen_random_uuid(), now() - i * interval '10 minutes', b.id, 'r', 't',
                           CASE WHEN i % 10 = 0 THEN 'DEAD_LETTERED' ELSE 'DELIVERED' END, 1,
                           now() - i * interval '10 minutes', CASE WHEN i % 10 = 0 THEN 'HTTP 500' END
                    FROM generate_series(1, 100) i, bus b WHERE b.name = 'b'
                    RETURNING id, finished_at, last_error
                )
                INSERT INTO delivery_attempt (delivery_id, attempt, at, status, latency_ms, error)
                SELECT id, 1, finished_at, CASE WHEN last_error IS NULL THEN 200 ELSE 500 END,
                       round(extract(epoch FROM now() - finished_at) / 600), last_error
                FROM d
                """);
    }

    @Test
    void theRolledUpMinutesCountWhatEveryAttemptCounts() throws Exception {
        JsonNode exact = target("24h");
        assertThat(exact.path("attempts").asLong()).isEqualTo(100);
        assertThat(exact.path("failedAttempts").asLong()).isEqualTo(10);
        assertThat(exact.path("delivered").asLong()).isEqualTo(90);
        assertThat(exact.path("deadLettered").asLong()).isEqualTo(10);
        assertThat(exact.path("latencyP50Millis").asInt()).isEqualTo(50);
        assertThat(exact.has("latencyBucketed")).isFalse();

        Instant mark = rollUp.run();
        assertThat(mark).isBetween(Instant.now().minus(6, ChronoUnit.MINUTES), Instant.now().minus(4, ChronoUnit.MINUTES));
        long rows;
        try (var c = TestDatabase.get().dataSource().getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM target_minute")) {
            rs.next();
            rows = rs.getLong(1);
        }
        assertThat(rows).as("a row per minute with an attempt, less the newest in the lag").isBetween(99L, 100L);

        JsonNode rolled = target("24h");
        assertThat(rolled.path("attempts").asLong()).isEqualTo(100);
        assertThat(rolled.path("failedAttempts").asLong()).isEqualTo(10);
        assertThat(rolled.path("delivered").asLong()).isEqualTo(90);
        assertThat(rolled.path("deadLettered").asLong()).isEqualTo(10);
        assertThat(rolled.path("latencyBucketed").asBoolean()).isTrue();
        assertThat(rolled.path("latencyP50Millis").asInt()).as("50 ms is in the bucket under 100").isEqualTo(100);
        assertThat(rolled.path("latencyP99Millis").asInt()).isEqualTo(100);
        assertThat(rolled.path("lastError").asText()).isEqualTo("HTTP 500");
        assertThat(rolled.path("health").asText()).isEqualTo(exact.path("health").asText());

        rollUp.run();
        assertThat(target("7d").path("attempts").asLong()).as("each minute added once").isEqualTo(100);
        assertThat(target("1h").path("attempts").asLong()).isEqualTo(5);
        assertThat(target("1h").path("latencyBucketed").asBoolean()).isTrue();
    }

    private JsonNode target(String window) {
        JsonNode targets = api.get("/v1/buses/b/target-health?window=" + window).json().path("targets");
        assertThat(targets).hasSize(1);
        return targets.get(0);
    }
}
