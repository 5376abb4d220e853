package io.eventbus.control.stats;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.control.support.ControlPlaneTest;
import io.eventbus.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1/stats}: counts land in the right bucket, per bus or for all, zeros included. */
@MicronautTest
class StatsApiTest extends ControlPlaneTest {

    private void event(String bus, String at, String... finishedStates) {
        String id = UUID.randomUUID().toString();
        TestDatabase db = TestDatabase.get();
        db.execute("""
                INSERT INTO event (id, bus_id, ingested_at, event_time, source, detail_type, envelope)
                SELECT ?::uuid, id, ?::timestamptz, ?::timestamptz, 's', 't', '{}' FROM bus WHERE name = ?""",
                id, at, at, bus);
        int n = 0;
        for (String state : finishedStates) {
            String delivery = UUID.randomUUID().toString();
            db.execute("""
                    INSERT INTO delivery (id, event_id, event_ingested_at, bus_id, rule_name, target_id, state, attempt,
                                          finished_at)
                    SELECT ?::uuid, e.id, e.ingested_at, e.bus_id, 'r', ?, ?, 2, e.ingested_at + interval '1 second'
                    FROM event e WHERE e.id = ?::uuid""", delivery, "t" + n++, state, id);
            db.execute("""
                    INSERT INTO delivery_attempt (delivery_id, attempt, at, status, latency_ms, error)
                    VALUES (?::uuid, 1, ?::timestamptz, 503, 3, 'HTTP 503')""", delivery, at);
        }
    }

    @Test
    void countsPerBucketAndBus() {
        api.post("/v1/buses", "{\"name\": \"orders\"}");
        event("orders", "2026-11-26T10:05:00Z", "DELIVERED", "DEAD_LETTERED");
        event("orders", "2026-11-26T10:10:00Z", "DELIVERED");
        event("default", "2026-11-26T10:20:00Z");
        event("orders", "2026-11-26T11:30:00Z", "DELIVERED");

        JsonNode all = api.get("/v1/stats?from=2026-11-26T10:00:00Z&to=2026-11-26T12:00:00Z&bucketSeconds=3600").json();
        assertThat(all.path("buckets")).hasSize(2);
        JsonNode ten = all.path("buckets").get(0);
        assertThat(ten.path("start").asText()).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(ten.path("eventsIn").asLong()).isEqualTo(3);
        assertThat(ten.path("delivered").asLong()).isEqualTo(2);
        assertThat(ten.path("deadLettered").asLong()).isEqualTo(1);
        assertThat(ten.path("failedAttempts").asLong()).isEqualTo(3);
        assertThat(all.path("buckets").get(1).path("eventsIn").asLong()).isEqualTo(1);

        JsonNode orders = api.get("/v1/stats?bus=orders&from=2026-11-26T10:00:00Z&to=2026-11-26T11:00:00Z"
                + "&bucketSeconds=600").json();
        assertThat(orders.path("buckets").findValuesAsText("eventsIn")).containsExactly("1", "1", "0", "0", "0", "0");
    }

    @Test
    void badQueriesAreProblems() {
        assertThat(api.get("/v1/stats?bucketSeconds=5").json().path("location").asText()).isEqualTo("query: bucketSeconds");
        assertThat(api.get("/v1/stats?from=2026-01-01T00:00:00Z&to=2026-11-01T00:00:00Z&bucketSeconds=60")
                .problemCode(400)).isEqualTo("ValidationError");
        assertThat(api.get("/v1/stats?bus=nope").problemCode(404)).isEqualTo("NotFound");
    }
}
