package io.eventbus.control.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.control.support.AdminApi.Reply;
import io.eventbus.control.support.ControlPlaneTest;
import io.eventbus.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class ArchiveApiTest extends ControlPlaneTest {

    private static final String ORDERS_ARCHIVE = """
            {"name": "orders-archive", "bus": "orders", "description": "all orders",
             "eventPattern": {"source": ["shop.orders"]}, "retentionDays": 30}""";

    @Test
    void createsListsReadsUpdatesAndDeletesAnArchive() {
        api.post("/v1/buses", "{\"name\": \"orders\"}");

        Reply created = api.post("/v1/archives", ORDERS_ARCHIVE);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/v1/archives/orders-archive");
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        JsonNode archive = created.json();
        assertThat(archive.path("name").asText()).isEqualTo("orders-archive");
        assertThat(archive.path("bus").asText()).isEqualTo("orders");
        assertThat(archive.path("description").asText()).isEqualTo("all orders");
        assertThat(archive.path("eventPattern").path("source").get(0).asText()).isEqualTo("shop.orders");
        assertThat(archive.path("retentionDays").asInt()).isEqualTo(30);
        assertThat(archive.path("eventCount").asLong()).isZero();
        assertThat(archive.path("oldestEventTime").isNull()).isTrue();
        assertThat(archive.path("newestEventTime").isNull()).isTrue();
        assertThat(archive.path("version").asLong()).isEqualTo(1);
        assertThat(archive.has("id")).isFalse();

        // every event of the bus, kept forever: a pattern sent as a string, and the defaults
        Reply all = api.post("/v1/archives", "{\"name\": \"everything\", \"bus\": \"default\"}");
        assertThat(all.status()).as(all.body()).isEqualTo(201);
        assertThat(all.json().path("eventPattern").isNull()).isTrue();
        assertThat(all.json().path("retentionDays").asInt()).isZero();
        assertThat(api.post("/v1/archives", """
                {"name": "as-text", "bus": "orders", "eventPattern": "{\\"detail-type\\": [\\"Order Placed\\"]}"}""")
                .json().path("eventPattern").path("detail-type").get(0).asText()).isEqualTo("Order Placed");

        assertThat(api.get("/v1/archives").json().path("archives").findValuesAsText("name"))
                .containsExactly("as-text", "everything", "orders-archive");
        assertThat(api.get("/v1/archives?bus=orders").json().path("archives").findValuesAsText("name"))
                .containsExactly("as-text", "orders-archive");
        Reply read = api.get("/v1/archives/orders-archive");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"1\"");

        Reply stale = api.send("PUT", "/v1/archives/orders-archive", "{\"retentionDays\": 5}", Map.of("If-Match", "\"7\""));
        assertThat(stale.problemCode(412)).isEqualTo("PreconditionFailed");
        Reply updated = api.send("PUT", "/v1/archives/orders-archive", "{\"retentionDays\": 5, \"bus\": \"orders\"}",
                Map.of("If-Match", "\"1\""));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.header("ETag")).isEqualTo("\"2\"");
        assertThat(updated.json().path("retentionDays").asInt()).isEqualTo(5);
        assertThat(updated.json().path("description").isNull()).as("absent: replaced by null").isTrue();
        assertThat(updated.json().path("eventPattern").isNull()).as("absent: every event").isTrue();
        Reply otherBus = api.put("/v1/archives/orders-archive", "{\"bus\": \"default\"}");
        assertThat(otherBus.problemCode(400)).isEqualTo("ValidationError");
        assertThat(otherBus.json().path("location").asText()).isEqualTo("bus");

        assertThat(api.delete("/v1/archives/orders-archive").status()).isEqualTo(204);
        assertThat(api.get("/v1/archives/orders-archive").problemCode(404)).isEqualTo("NotFound");
        assertThat(api.delete("/v1/archives/orders-archive").problemCode(404)).isEqualTo("NotFound");
        assertThat(api.get("/v1/audit-log").body()).contains("archive.create").contains("archive.update")
                .contains("archive.delete").contains("archives/orders-archive");
    }

    @Test
    void refusesAMissingBusATakenNameABadPatternAndRetentionOutOfBounds() {
        assertThat(api.post("/v1/archives", "{\"name\": \"a\", \"bus\": \"nope\"}").problemCode(404))
                .isEqualTo("NotFound");
        api.post("/v1/archives", "{\"name\": \"a\", \"bus\": \"default\"}");
        assertThat(api.post("/v1/archives", "{\"name\": \"a\", \"bus\": \"default\"}").problemCode(409))
                .isEqualTo("Conflict");

        Reply badPattern = api.post("/v1/archives", """
                {"name": "b", "bus": "default", "eventPattern": {"detail": {"total": [{"numeric": [">", "x"]}]}}}""");
        assertThat(badPattern.problemCode(400)).isEqualTo("InvalidEventPattern");
        assertThat(badPattern.json().path("location").asText()).isEqualTo("detail.total");

        for (String days : List.of("-1", "36501")) {
            Reply refused = api.post("/v1/archives", "{\"name\": \"b\", \"bus\": \"default\", \"retentionDays\": "
                    + days + "}");
            assertThat(refused.problemCode(400)).isEqualTo("ValidationError");
            assertThat(refused.json().path("location").asText()).isEqualTo("retentionDays");
        }
        assertThat(api.post("/v1/archives", "{\"name\": \"b\", \"bus\": \"default\", \"retentionDays\": 36500}")
                .status()).isEqualTo(201);
        assertThat(api.post("/v1/archives", "{\"name\": \"bad name!\", \"bus\": \"default\"}").json()
                .path("location").asText()).isEqualTo("name");
        assertThat(api.get("/v1/archives").json().path("archives").findValuesAsText("name")).containsExactly("a", "b");
    }

    @Test
    void statsCountTheArchivedEventsTheirTimesAndBytes() {
        api.post("/v1/archives", "{\"name\": \"all\", \"bus\": \"default\"}");
        String id = archiveId("all");
        for (String time : List.of("2026-12-01T00:00:00Z", "2026-12-07T10:00:00Z", "2026-12-03T12:00:00Z")) {
            TestDatabase.get().execute("""
                    INSERT INTO archived_event (archive_id, ingested_at, id, event_time, envelope)
                    VALUES (?::bigint, now(), gen_random_uuid(), ?::timestamptz, '{"detail": {}}')""", id, time);
        }

        JsonNode archive = api.get("/v1/archives/all").json();
        assertThat(archive.path("eventCount").asLong()).isEqualTo(3);
        assertThat(archive.path("oldestEventTime").asText()).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(archive.path("newestEventTime").asText()).isEqualTo("2026-12-07T10:00:00Z");
        assertThat(archive.path("sizeBytes").asLong()).isPositive();
    }

    @Test
    void createMakesTheArchivesPartitionsAndDeleteDropsThem() {
        api.post("/v1/archives", "{\"name\": \"all\", \"bus\": \"default\"}");
        String id = archiveId("all");
        String today = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);

        assertThat(tables("archived_event_" + id)).containsExactly("archived_event_" + id);
        assertThat(tables("archived_event_" + id + "_" + today)).hasSize(1);

        assertThat(api.delete("/v1/archives/all").status()).isEqualTo(204);
        assertThat(tables("archived_event_" + id)).isEmpty();
        assertThat(tables("archived_event_" + id + "_" + today)).isEmpty();
    }

    @Test
    void anArchiveWithAnActiveReplayIsNotDeleted() {
        api.post("/v1/archives", "{\"name\": \"all\", \"bus\": \"default\"}");
        Reply replay = api.post("/v1/replays", """
                {"name": "gap", "archive": "all", "eventStartTime": "2026-12-07T09:00:00Z",
                 "eventEndTime": "2026-12-07T10:00:00Z"}""");
        assertThat(replay.status()).as(replay.body()).isEqualTo(201);

        Reply refused = api.delete("/v1/archives/all");
        assertThat(refused.problemCode(409)).isEqualTo("Conflict");
        assertThat(refused.json().path("detail").asText()).contains("gap");

        TestDatabase.get().execute("UPDATE replay SET state = 'COMPLETED' WHERE name = 'gap'");
        assertThat(api.delete("/v1/archives/all").status()).isEqualTo(204);
        assertThat(api.get("/v1/replays/gap").json().path("archive").asText()).as("the replay keeps its name")
                .isEqualTo("all");
    }

    @Test
    void aBusWithArchivesIsNotDeleted() {
        api.post("/v1/buses", "{\"name\": \"orders\"}");
        api.post("/v1/archives", "{\"name\": \"b-archive\", \"bus\": \"orders\"}");
        api.post("/v1/archives", "{\"name\": \"a-archive\", \"bus\": \"orders\"}");

        Reply refused = api.delete("/v1/buses/orders?force=true");
        assertThat(refused.problemCode(409)).isEqualTo("Conflict");
        assertThat(refused.json().path("detail").asText())
                .isEqualTo("bus 'orders' has archives a-archive, b-archive: delete them first");

        api.delete("/v1/archives/a-archive");
        api.delete("/v1/archives/b-archive");
        assertThat(api.delete("/v1/buses/orders").status()).isEqualTo(204);
    }

    private static String archiveId(String name) {
        return TestDatabase.get().strings("SELECT id FROM archive WHERE name = ?", name).get(0);
    }

    private static List<String> tables(String name) {
        return TestDatabase.get().strings("SELECT relname FROM pg_class WHERE relname = ? AND relkind IN ('r', 'p')",
                name);
    }
}
