package io.eventbus.control.explorer;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.control.support.ControlPlaneTest;
import io.eventbus.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replay stores a copy of an event with the original's id, a later ingestion time and the replay's name: the
 * explorer shows both, each with its own deliveries.
 */
@MicronautTest
class EventReplayCopiesApiTest extends ControlPlaneTest {

    private static final String PUT_AT = "2026-12-07T09:30:00Z";
    private static final String REPLAYED_AT = "2026-12-08T08:00:00Z";

    private final String id = UUID.randomUUID().toString();

    @BeforeEach
    void anEventAndItsReplayedCopy() {
        row(PUT_AT, null);
        row(REPLAYED_AT, "orders-gap");
        delivery(PUT_AT, "billing", "first", "DEAD_LETTERED");
        delivery(REPLAYED_AT, "billing", "first", "DELIVERED");
        delivery(REPLAYED_AT, "billing", "second", "DELIVERED");
    }

    @Test
    void theIdAloneReadsTheEventAsItWasPutAndListsItsCopies() {
        JsonNode original = api.get("/v1/events/" + id).json();

        assertThat(original.path("ingestedAt").asText()).isEqualTo(PUT_AT);
        assertThat(original.has("replayName")).isTrue();
        assertThat(original.path("replayName").isNull()).isTrue();
        assertThat(original.path("deliveries")).hasSize(1);
        assertThat(original.path("deliveries").get(0).path("state").asText()).isEqualTo("DEAD_LETTERED");
        assertThat(original.path("replays")).hasSize(1);
        assertThat(original.path("replays").get(0).path("replayName").asText()).isEqualTo("orders-gap");
        assertThat(original.path("replays").get(0).path("ingestedAt").asText()).isEqualTo(REPLAYED_AT);
    }

    @Test
    void atReadsTheCopyIngestedThenWithItsOwnDeliveries() {
        JsonNode copy = api.get("/v1/events/" + id + "?at=" + REPLAYED_AT).json();

        assertThat(copy.path("ingestedAt").asText()).isEqualTo(REPLAYED_AT);
        assertThat(copy.path("replayName").asText()).isEqualTo("orders-gap");
        assertThat(copy.path("deliveries").findValuesAsText("target")).containsExactly("first", "second");
        assertThat(copy.path("deliveries").findValuesAsText("state")).containsOnly("DELIVERED");
        assertThat(copy.has("replays")).isFalse();

        assertThat(api.get("/v1/events/" + id + "?at=" + PUT_AT).json().path("replays")).hasSize(1);
        assertThat(api.get("/v1/events/" + id + "?at=2026-12-08T08:00:01Z").problemCode(404)).isEqualTo("NotFound");
        assertThat(api.get("/v1/events/" + id + "?at=tomorrow").json().path("location").asText())
                .isEqualTo("query: at");
    }

    @Test
    void theListCountsEachRowsDeliveriesAndFiltersByReplay() {
        JsonNode events = api.get("/v1/events").json().path("events");

        assertThat(events).hasSize(2);
        JsonNode copy = events.get(0);
        assertThat(copy.path("replayName").asText()).isEqualTo("orders-gap");
        assertThat(copy.path("ingestedAt").asText()).isEqualTo(REPLAYED_AT);
        assertThat(copy.path("deliveries").path("DELIVERED").asInt()).isEqualTo(2);
        assertThat(copy.path("deliveries").has("DEAD_LETTERED")).isFalse();
        JsonNode original = events.get(1);
        assertThat(original.path("replayName").isNull()).isTrue();
        assertThat(original.path("deliveries").path("DEAD_LETTERED").asInt()).isEqualTo(1);
        assertThat(original.path("deliveries").has("DELIVERED")).isFalse();

        JsonNode replayed = api.get("/v1/events?replay=orders-gap").json().path("events");
        assertThat(replayed).hasSize(1);
        assertThat(replayed.get(0).path("ingestedAt").asText()).isEqualTo(REPLAYED_AT);
        assertThat(api.get("/v1/events?replay=other").json().path("events")).isEmpty();

        JsonNode recent = api.get("/v1/buses/default/events").json().path("events");
        assertThat(recent.get(0).path("replayName").asText()).isEqualTo("orders-gap");
        assertThat(recent.get(1).path("replayName").isNull()).isTrue();
    }

    private void row(String ingestedAt, String replayName) {
        TestDatabase.get().execute("""
                INSERT INTO event (id, bus_id, ingested_at, event_time, source, detail_type, envelope, replay_name)
                SELECT ?::uuid, id, ?::timestamptz, ?::timestamptz, 'shop.orders', 'Order Placed', '{}', ?
                FROM bus WHERE name = 'default'""", id, ingestedAt, PUT_AT, replayName);
    }

    private void delivery(String ingestedAt, String rule, String target, String state) {
        TestDatabase.get().execute("""
                INSERT INTO delivery (id, event_id, event_ingested_at, bus_id, rule_name, target_id, state)
                SELECT gen_random_uuid(), e.id, e.ingested_at, e.bus_id, ?, ?, ? FROM event e
                WHERE e.id = ?::uuid AND e.ingested_at = ?::timestamptz""", rule, target, state, id, ingestedAt);
    }
}
