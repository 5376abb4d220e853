package io.eventbus.control.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.control.support.AdminApi.Reply;
import io.eventbus.control.support.ControlPlaneTest;
import io.eventbus.core.change.ConfigChannel;
import io.eventbus.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class ReplayApiTest extends ControlPlaneTest {

    private Connection listener;

    @BeforeEach
    void archiveAndListen() throws SQLException {
        api.post("/v1/buses", "{\"name\": \"orders\"}");
        api.put("/v1/buses/orders/rules/billing", "{\"eventPattern\": {\"source\": [\"shop.orders\"]}}");
        api.put("/v1/buses/default/rules/elsewhere", "{\"eventPattern\": {\"source\": [\"shop.orders\"]}}");
        api.post("/v1/archives", "{\"name\": \"orders-archive\", \"bus\": \"orders\"}");
        listener = TestDatabase.get().dataSource().getConnection();
        try (Statement s = listener.createStatement()) {
            s.execute("LISTEN " + ConfigChannel.NAME);
        }
    }

    @AfterEach
    void close() throws SQLException {
        listener.close();
    }

    private static String replay(String name, String more) {
        return "{\"name\": \"" + name + "\", \"archive\": \"orders-archive\", \"eventStartTime\": "
                + "\"2026-12-07T09:00:00Z\", \"eventEndTime\": \"2026-12-07T10:00:00Z\"" + more + "}";
    }

    @Test
    void startsListsReadsAndCancelsAReplay() throws SQLException {
        Reply created = api.post("/v1/replays", replay("orders-gap", ", \"description\": \"the outage\","
                + " \"rules\": [\"billing\"], \"rateLimitPerSecond\": 500"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/v1/replays/orders-gap");
        JsonNode replay = created.json();
        assertThat(replay.path("name").asText()).isEqualTo("orders-gap");
        assertThat(replay.path("description").asText()).isEqualTo("the outage");
        assertThat(replay.path("archive").asText()).isEqualTo("orders-archive");
        assertThat(replay.path("bus").asText()).isEqualTo("orders");
        assertThat(replay.path("eventStartTime").asText()).isEqualTo("2026-12-07T09:00:00Z");
        assertThat(replay.path("eventEndTime").asText()).isEqualTo("2026-12-07T10:00:00Z");
        assertThat(replay.path("rules").get(0).asText()).isEqualTo("billing");
        assertThat(replay.path("rateLimitPerSecond").asInt()).isEqualTo(500);
        assertThat(replay.path("state").asText()).isEqualTo("STARTING");
        assertThat(replay.path("eventsTotal").isNull()).isTrue();
        assertThat(replay.path("eventsReplayed").asLong()).isZero();
        assertThat(replay.path("deliveries").asLong()).isZero();
        assertThat(replay.path("eventLastReplayedTime").isNull()).isTrue();
        assertThat(replay.path("replayStartTime").isNull()).isTrue();
        assertThat(replay.path("createdAt").asText()).isNotBlank();
        assertThat(received()).containsExactly("replay:orders-gap");

        Reply everyRule = api.post("/v1/replays", replay("all-rules", ""));
        assertThat(everyRule.json().path("rules").isNull()).as("every rule").isTrue();
        assertThat(everyRule.json().path("rateLimitPerSecond").isNull()).isTrue();

        assertThat(api.get("/v1/replays").json().path("replays").findValuesAsText("name"))
                .as("newest first").containsExactly("all-rules", "orders-gap");
        assertThat(api.get("/v1/replays?archive=orders-archive&state=STARTING").json().path("replays")).hasSize(2);
        assertThat(api.get("/v1/replays?archive=other").json().path("replays")).isEmpty();
        assertThat(api.get("/v1/replays?state=RUNNING").json().path("replays")).isEmpty();
        assertThat(api.get("/v1/replays?state=LOST").json().path("location").asText()).isEqualTo("query: state");
        assertThat(api.get("/v1/replays/orders-gap").json().path("state").asText()).isEqualTo("STARTING");
        assertThat(api.get("/v1/replays/nope").problemCode(404)).isEqualTo("NotFound");
        received();

        Reply cancelled = api.post("/v1/replays/orders-gap:cancel", null);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().path("state").asText()).isEqualTo("CANCELLING");
        assertThat(received()).containsExactly("replay:orders-gap");
        Reply again = api.post("/v1/replays/orders-gap:cancel", null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("state").asText()).isEqualTo("CANCELLING");

        TestDatabase.get().execute("UPDATE replay SET state = 'RUNNING' WHERE name = 'all-rules'");
        assertThat(api.post("/v1/replays/all-rules:cancel", null).json().path("state").asText())
                .isEqualTo("CANCELLING");

        assertThat(api.post("/v1/replays/nope:cancel", null).problemCode(404)).isEqualTo("NotFound");
        assertThat(api.get("/v1/audit-log").body()).contains("replay.create").contains("replay.cancel")
                .contains("replays/orders-gap");
    }

    @Test
    void aFinishedReplayCannotBeCancelled() {
        api.post("/v1/replays", replay("done", ""));
        TestDatabase.get().execute("UPDATE replay SET state = 'COMPLETED', finished_at = now() WHERE name = 'done'");

        Reply refused = api.post("/v1/replays/done:cancel", null);

        assertThat(refused.problemCode(409)).isEqualTo("Conflict");
        assertThat(refused.json().path("detail").asText()).isEqualTo("replay 'done' is already COMPLETED");
        assertThat(api.get("/v1/replays/done").json().path("replayEndTime").isNull()).isFalse();
    }

    @Test
    void refusesABadWindowAnUnknownRuleOrArchiveAndATakenName() throws SQLException {
        assertLocation(api.post("/v1/replays", """
                {"name": "r", "archive": "orders-archive", "eventStartTime": "2026-12-07T10:00:00Z",
                 "eventEndTime": "2026-12-07T10:00:00Z"}"""), "eventEndTime");
        assertLocation(api.post("/v1/replays", """
                {"name": "r", "archive": "orders-archive", "eventStartTime": "2026-12-07T10:00:00Z",
                 "eventEndTime": "2026-12-07T09:00:00Z"}"""), "eventEndTime");
        assertLocation(api.post("/v1/replays", """
                {"name": "r", "archive": "orders-archive", "eventEndTime": "2026-12-07T09:00:00Z"}"""),
                "eventStartTime");
        assertLocation(api.post("/v1/replays", """
                {"name": "r", "archive": "orders-archive", "eventStartTime": "yesterday",
                 "eventEndTime": "2026-12-07T09:00:00Z"}"""), "eventStartTime");
        // a rule of another bus is not one of the archive's bus
        Reply unknownRule = api.post("/v1/replays", replay("r", ", \"rules\": [\"billing\", \"elsewhere\"]"));
        assertLocation(unknownRule, "rules[1]");
        assertThat(unknownRule.json().path("detail").asText()).contains("'elsewhere'").contains("bus 'orders'");
        assertLocation(api.post("/v1/replays", replay("r", ", \"rules\": []")), "rules");
        assertLocation(api.post("/v1/replays", replay("r", ", \"rateLimitPerSecond\": 0")), "rateLimitPerSecond");
        assertLocation(api.post("/v1/replays", replay("r", ", \"rateLimitPerSecond\": 1000001")),
                "rateLimitPerSecond");
        assertThat(api.post("/v1/replays", """
                {"name": "r", "archive": "nope", "eventStartTime": "2026-12-07T09:00:00Z",
                 "eventEndTime": "2026-12-07T10:00:00Z"}""").problemCode(404)).isEqualTo("NotFound");
        assertThat(received()).as("nothing refused is announced").isEmpty();

        assertThat(api.post("/v1/replays", replay("r", "")).status()).isEqualTo(201);
        assertThat(api.post("/v1/replays", replay("r", "")).problemCode(409)).isEqualTo("Conflict");
        assertThat(api.get("/v1/replays").json().path("replays")).hasSize(1);
    }

    @Test
    void creatingAnArchiveAnnouncesItsBus() throws SQLException {
        api.post("/v1/archives", "{\"name\": \"another\", \"bus\": \"orders\"}");
        api.put("/v1/archives/another", "{\"retentionDays\": 3}");
        api.delete("/v1/archives/another");

        assertThat(received()).containsExactly("orders", "orders", "orders");
    }

    private static void assertLocation(Reply refused, String location) {
        assertThat(refused.problemCode(400)).isEqualTo("ValidationError");
        assertThat(refused.json().path("location").asText()).as(refused.body()).isEqualTo(location);
    }

    private List<String> received() throws SQLException {
        List<String> payloads = new ArrayList<>();
        PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(500);
        while (notifications != null && notifications.length > 0) {
            for (PGNotification n : notifications) {
                payloads.add(n.getParameter());
            }
            notifications = listener.unwrap(PGConnection.class).getNotifications(200);
        }
        return payloads;
    }
}
