package io.eventbus.control.explorer;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.control.support.AdminApi.Reply;
import io.eventbus.control.support.ControlPlaneTest;
import io.eventbus.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1/events}: newest first, filtered, paged by cursor, with delivery counts per state. */
@MicronautTest
class EventListApiTest extends ControlPlaneTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private String event(String bus, int secondsAfterT0, String source, String detailType) {
        return event(bus, secondsAfterT0, source, detailType, "{}");
    }

    private String event(String bus, int secondsAfterT0, String source, String detailType, String envelope) {
        String id = UUID.randomUUID().toString();
        Instant at = T0.plusSeconds(secondsAfterT0);
        TestDatabase.get().execute("""
                INSERT INTO event (id, bus_id, ingested_at, event_time, source, detail_type, envelope)
                SELECT ?::uuid, id, ?::timestamptz, ?::timestamptz, ?, ?, ? FROM bus WHERE name = ?""",
                id, at.toString(), at.toString(), source, detailType, envelope, bus);
        return id;
    }

    private void delivery(String eventId, String bus, String target, String state) {
        TestDatabase.get().execute("""
                INSERT INTO delivery (id, event_id, event_ingested_at, bus_id, rule_name, target_id, state)
                SELECT gen_random_uuid(), e.id, e.ingested_at, e.bus_id, 'r', ?, ? FROM event e WHERE e.id = ?::uuid""",
                target, state, eventId);
    }

    @Test
    void anEventTakenDespiteItsSchemaShowsWhy() {
        String warned = event("default", 0, "shop.orders", "Order Placed");
        String clean = event("default", 1, "shop.orders", "Order Placed");
        TestDatabase.get().execute("UPDATE event SET schema_problem = ? WHERE id = ?::uuid",
                "detail does not match schema 'shop.orders@OrderPlaced' version 1: /: required property 'total' is missing",
                warned);

        assertThat(api.get("/v1/events/" + warned).json().path("schemaProblem").asText())
                .contains("required property 'total' is missing");
        assertThat(api.get("/v1/events/" + clean).json().has("schemaProblem")).isFalse();
    }

    @Test
    void aDeliveryHeldBackSaysWhyAndEachCountsAgainstItsTargetsRetryPolicy() {
        api.post("/v1/queues", "{\"name\": \"held\"}");
        api.put("/v1/buses/default/rules/r", "{\"eventPattern\": {\"source\": [\"shop\"]}, \"targets\": [{\"id\": \"q\","
                + " \"type\": \"queue\", \"queue\": {\"name\": \"held\"}, \"retryPolicy\": {\"maximumRetryAttempts\": 9}}]}");
        String id = event("default", 0, "shop", "Order Placed");
        delivery(id, "default", "q", "AVAILABLE");
        delivery(id, "default", "gone", "RETRYABLE");
        TestDatabase.get().execute("UPDATE delivery SET held_by = 'CIRCUIT_OPEN', attempt = 3 WHERE event_id = ?::uuid",
                id);

        JsonNode deliveries = api.get("/v1/events/" + id).json().path("deliveries");
        JsonNode held = deliveries.get(1);
        assertThat(held.path("target").asText()).isEqualTo("q");
        assertThat(held.path("heldBy").asText()).isEqualTo("CIRCUIT_OPEN");
        assertThat(held.path("attempts").asInt()).isEqualTo(3);
        assertThat(held.path("maxAttempts").asInt()).as("1 + maximumRetryAttempts").isEqualTo(10);
        JsonNode gone = deliveries.get(0);
        assertThat(gone.path("target").asText()).isEqualTo("gone");
        assertThat(gone.has("heldBy")).as("only an AVAILABLE delivery is held").isFalse();
        assertThat(gone.has("maxAttempts")).as("its target is not on the rule").isFalse();
    }

    @Test
    void listsNewestFirstWithDeliveryCountsAndFilters() {
        api.post("/v1/buses", "{\"name\": \"orders\"}");
        String old = event("orders", 0, "shop.orders", "Order Placed");
        String mid = event("default", 10, "shop.users", "User Created");
        String recent = event("orders", 20, "shop.orders", "Order Shipped");
        delivery(recent, "orders", "a", "DELIVERED");
        delivery(recent, "orders", "b", "DEAD_LETTERED");
        delivery(recent, "orders", "c", "DELIVERED");

        JsonNode all = api.get("/v1/events").json();
        assertThat(all.path("events").findValuesAsText("id")).containsExactly(recent, mid, old);
        assertThat(all.has("next")).isFalse();
        JsonNode first = all.path("events").get(0);
        assertThat(first.path("bus").asText()).isEqualTo("orders");
        assertThat(first.path("detailType").asText()).isEqualTo("Order Shipped");
        assertThat(first.path("deliveries").path("DELIVERED").asInt()).isEqualTo(2);
        assertThat(first.path("deliveries").path("DEAD_LETTERED").asInt()).isEqualTo(1);
        assertThat(all.path("events").get(1).path("deliveries").size()).as("matched nothing").isZero();

        assertThat(ids("/v1/events?bus=orders")).containsExactly(recent, old);
        assertThat(ids("/v1/events?source=shop.users")).containsExactly(mid);
        assertThat(ids("/v1/events?detailType=Order%20Placed")).containsExactly(old);
        assertThat(ids("/v1/events?from=2026-11-26T10:00:05Z&to=2026-11-26T10:00:20Z")).containsExactly(mid);
    }

    @Test
    void searchesByIdBySourceAndDetailTypePrefixInAnyCaseAndByAFieldOfTheEvent() {
        String order = event("default", 0, "Shop.Orders", "Order Placed",
                "{\"detail\": {\"orderId\": 42, \"customer\": {\"tier\": \"gold\"}, \"items\": [{\"sku\": \"A-1\"}]}}");
        String quoted = event("default", 1, "shop.orders", "Order Shipped", "{\"detail\": {\"orderId\": \"42\"}}");
        String user = event("default", 2, "shop_users", "User Created", "{\"detail\": {\"orderId\": 43}}");
        String other = event("default", 3, "shopping", "order placed", "{\"detail\": {}}");

        assertThat(ids("/v1/events?id=" + quoted)).containsExactly(quoted);
        assertThat(ids("/v1/events?id=" + UUID.randomUUID())).isEmpty();
        assertThat(ids("/v1/events?source=shop.")).containsExactly(quoted, order);
        assertThat(ids("/v1/events?source=SHOP")).containsExactly(other, user, quoted, order);
        assertThat(ids("/v1/events?source=shop_")).as("_ is a character, not a wildcard").containsExactly(user);
        assertThat(ids("/v1/events?source=shop%25s")).as("%% too").isEmpty();
        assertThat(ids("/v1/events?detailType=order%20p")).containsExactly(other, order);
        assertThat(ids("/v1/events?field=detail.orderId&value=42")).as("the number and the string")
                .containsExactly(quoted, order);
        assertThat(ids("/v1/events?field=detail.customer.tier&value=gold")).containsExactly(order);
        assertThat(ids("/v1/events?field=detail.items.0.sku&value=A-1")).containsExactly(order);
        assertThat(ids("/v1/events?field=detail.orderId&value=42&source=shop.orders&detailType=Order%20S"))
                .containsExactly(quoted);
        assertThat(ids("/v1/events?field=detail.missing&value=")).isEmpty();
    }

    @Test
    void aSearchThatCannotBeReadSaysWhichParameter() {
        assertThat(api.get("/v1/events?id=42").json().path("location").asText()).isEqualTo("query: id");
        assertThat(api.get("/v1/events?value=42").json().path("location").asText()).isEqualTo("query: field");
        assertThat(api.get("/v1/events?field=detail.orderId").json().path("location").asText())
                .isEqualTo("query: value");
        Reply empty = api.get("/v1/events?field=detail..orderId&value=1");
        assertThat(empty.problemCode(400)).isEqualTo("ValidationError");
        assertThat(empty.json().path("detail").asText()).contains("dotted path");
    }

    @Test
    void findsEventsByTheirDeliveries() {
        String old = event("default", 0, "shop", "Order Placed");
        String mid = event("default", 10, "shop", "Order Placed");
        String recent = event("default", 20, "shop", "Order Placed");
        TestDatabase.get().execute("""
                INSERT INTO delivery (id, event_id, event_ingested_at, bus_id, rule_name, target_id, state)
                SELECT gen_random_uuid(), e.id, e.ingested_at, e.bus_id, 'billing', 'hook', 'RETRYABLE'
                FROM event e WHERE e.id = ?::uuid""", old);
        delivery(recent, "default", "a", "DELIVERED");
        delivery(recent, "default", "b", "DEAD_LETTERED");

        assertThat(ids("/v1/events?delivery=failed")).containsExactly(recent, old);
        assertThat(ids("/v1/events?delivery=dead-lettered")).containsExactly(recent);
        assertThat(ids("/v1/events?delivery=pending")).containsExactly(old);
        assertThat(ids("/v1/events?delivery=delivered")).containsExactly(recent);
        assertThat(ids("/v1/events?rule=billing")).containsExactly(old);
        assertThat(ids("/v1/events?target=b")).containsExactly(recent);
        assertThat(ids("/v1/events?delivery=failed&rule=r")).containsExactly(recent);
        assertThat(ids("/v1/events?delivery=delivered&target=b")).isEmpty();
        assertThat(ids("/v1/events")).as("without a delivery filter, events without deliveries too")
                .containsExactly(recent, mid, old);
        Reply bad = api.get("/v1/events?delivery=broken");
        assertThat(bad.problemCode(400)).isEqualTo("ValidationError");
        assertThat(bad.json().path("location").asText()).isEqualTo("query: delivery");
    }

    @Test
    void pagesWithACursor() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            made.add(0, event("default", i, "s", "t"));
        }
        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            JsonNode page = api.get("/v1/events?limit=3" + (next == null ? "" : "&before=" + next)).json();
            seen.addAll(page.path("events").findValuesAsText("id"));
            next = page.hasNonNull("next") ? page.get("next").asText() : null;
            pages++;
        } while (next != null);
        assertThat(seen).containsExactlyElementsOf(made);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void badQueriesSayWhichParameter() {
        Reply limit = api.get("/v1/events?limit=500");
        assertThat(limit.problemCode(400)).isEqualTo("ValidationError");
        assertThat(limit.json().path("location").asText()).isEqualTo("query: limit");
        assertThat(api.get("/v1/events?from=yesterday").json().path("location").asText()).isEqualTo("query: from");
        assertThat(api.get("/v1/events?before=garbage").json().path("location").asText()).isEqualTo("query: before");
    }

    private List<String> ids(String path) {
        Reply reply = api.get(path);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("events").findValuesAsText("id");
    }
}
