package io.eventbus.control.queue;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.control.support.AdminApi.Reply;
import io.eventbus.control.support.ControlPlaneTest;
import io.eventbus.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Peek, purge and redrive with the admin token: what an operator does with a (dead-letter) queue. */
@MicronautTest
class InspectQueueApiTest extends ControlPlaneTest {

    private static final UUID EVENT = UUID.fromString("6a7e8feb-b491-4cf7-a9f1-bf3703467718");

    @BeforeEach
    void aRuleWithAQueueTargetAndADeadLetterQueue() {
        assertThat(api.post("/v1/queues", "{\"name\": \"audit\"}").status()).isEqualTo(201);
        assertThat(api.post("/v1/queues", "{\"name\": \"dlq\"}").status()).isEqualTo(201);
        assertThat(api.put("/v1/buses/default/rules/orders", """
                {"eventPattern": {"source": ["shop"]}, "targets": [{"id": "audit", "type": "queue",
                 "queue": {"name": "audit"}, "deadLetterQueue": "dlq"}]}""").status()).isEqualTo(201);
    }

    @Test
    void peekShowsMessagesWithTheirAttributesAndChangesNothing() throws SQLException {
        UUID letter = message("dlq", "{\"id\": \"" + EVENT + "\"}",
                "{\"ERROR_CODE\": \"HTTP_400\", \"RULE\": \"default/orders\", \"TARGET\": \"audit\"}", "0 seconds");
        message("dlq", "in flight", "{}", "5 minutes");

        JsonNode messages = api.get("/v1/queues/dlq/messages:peek").json().path("messages");

        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).path("messageId").asText()).isEqualTo(letter.toString());
        assertThat(messages.get(0).path("attributes").path("ERROR_CODE").asText()).isEqualTo("HTTP_400");
        assertThat(messages.get(0).path("inFlight").asBoolean()).isFalse();
        assertThat(messages.get(1).path("inFlight").asBoolean()).isTrue();
        assertThat(messages.get(0).has("receiptHandle")).as("peeking gives no way to delete").isFalse();
        assertThat(api.get("/v1/queues/dlq").json().path("depth").path("visible").asInt()).isEqualTo(1);
        assertThat(api.get("/v1/queues/dlq/messages:peek?limit=1").json().path("messages")).hasSize(1);
        assertThat(api.get("/v1/queues/dlq/messages:peek?limit=0").problemCode(400)).isEqualTo("ValidationError");
        assertThat(api.get("/v1/queues/nowhere/messages:peek").problemCode(404)).isEqualTo("NotFound");
    }

    @Test
    void purgeDeletesEveryMessageAndIsAudited() throws SQLException {
        message("audit", "a", "{}", "0 seconds");
        message("audit", "b", "{}", "5 minutes");

        Reply purged = api.post("/v1/queues/audit/messages:purge", "");

        assertThat(purged.json().path("purged").asInt()).as(purged.body()).isEqualTo(2);
        assertThat(api.get("/v1/queues/audit/messages:peek").json().path("messages")).isEmpty();
        assertThat(api.get("/v1/audit-log").body()).contains("queue.purge");
    }

    @Test
    void redriveMakesANewDeliveryOfTheStoredEventAndDeletesTheDeadLetter() throws SQLException {
        storeEvent();
        UUID letter = message("dlq", "{\"version\": \"0\", \"id\": \"" + EVENT + "\"}",
                "{\"ERROR_CODE\": \"HTTP_400\", \"RULE\": \"default/orders\", \"TARGET\": \"audit\"}", "0 seconds");

        Reply redriven = api.post("/v1/queues/dlq/messages:redrive", "{\"messageId\": \"" + letter + "\"}");

        assertThat(redriven.status()).as(redriven.body()).isEqualTo(200);
        assertThat(redriven.json().path("rule").asText()).isEqualTo("orders");
        String delivery = redriven.json().path("deliveryId").asText();
        assertThat(query("SELECT state || ' ' || event_id || ' ' || rule_name || ' ' || target_id FROM delivery WHERE id = '"
                + delivery + "'")).isEqualTo("AVAILABLE " + EVENT + " orders audit");
        assertThat(api.get("/v1/queues/dlq/messages:peek").json().path("messages")).isEmpty();
        assertThat(api.post("/v1/queues/dlq/messages:redrive", "{\"messageId\": \"" + letter + "\"}").problemCode(404))
                .isEqualTo("NotFound");
    }

    @Test
    void onlyADeadLetterWhoseEventAndTargetStillExistIsRedriven() throws SQLException {
        UUID plain = message("dlq", "hello", "{\"note\": \"by hand\"}", "0 seconds");
        assertThat(redrive(plain).problemCode(409)).isEqualTo("Conflict");
        assertThat(redrive(plain).json().path("detail").asText()).contains("no dead letter");

        UUID eventGone = message("dlq", "{\"id\": \"" + EVENT + "\"}",
                "{\"RULE\": \"default/orders\", \"TARGET\": \"audit\"}", "0 seconds");
        assertThat(redrive(eventGone).json().path("detail").asText()).contains("no longer stored");

        storeEvent();
        UUID targetGone = message("dlq", "{\"id\": \"" + EVENT + "\"}",
                "{\"RULE\": \"default/orders\", \"TARGET\": \"gone\"}", "0 seconds");
        assertThat(redrive(targetGone).problemCode(409)).isEqualTo("Conflict");
        assertThat(redrive(targetGone).json().path("detail").asText()).contains("has no target 'gone'");

        assertThat(api.get("/v1/queues/dlq/messages:peek").json().path("messages")).as("all still there").hasSize(3);
        assertThat(query("SELECT count(*) FROM delivery")).isEqualTo("0");
        assertThat(api.post("/v1/queues/dlq/messages:redrive", "{}").problemCode(400)).isEqualTo("ValidationError");
    }

    @Test
    void pagesThroughDeadLettersFilteredByRuleTargetAndErrorCodeWithTheirEventIds() throws SQLException {
        for (int i = 0; i < 5; i++) {
            letter("HTTP_500", "default/orders", "audit");
        }
        UUID other = letter("HTTP_404", "billing/invoices", "hook");
        message("dlq", "plain text", "{}", "0 seconds");

        JsonNode first = api.get("/v1/queues/dlq/messages:peek?limit=2&errorCode=HTTP_500").json();
        assertThat(first.path("matched").asLong()).isEqualTo(5);
        assertThat(first.path("messages")).hasSize(2);
        assertThat(first.path("messages").get(0).path("eventId").asText()).isEqualTo(EVENT.toString());
        java.util.List<String> seen = new java.util.ArrayList<>(first.path("messages").findValuesAsText("messageId"));
        String next = first.path("next").asText();
        while (!next.isEmpty()) {
            JsonNode page = api.get("/v1/queues/dlq/messages:peek?limit=2&errorCode=HTTP_500&after=" + next).json();
            seen.addAll(page.path("messages").findValuesAsText("messageId"));
            next = page.path("next").asText();
        }
        assertThat(seen).hasSize(5).doesNotHaveDuplicates().doesNotContain(other.toString());

        assertThat(ids("?rule=invoices")).containsExactly(other.toString());
        assertThat(ids("?rule=billing/invoices")).containsExactly(other.toString());
        assertThat(ids("?target=hook&errorCode=HTTP_404")).containsExactly(other.toString());
        assertThat(ids("?rule=orders&target=hook")).isEmpty();
        JsonNode all = api.get("/v1/queues/dlq/messages:peek").json();
        assertThat(all.path("matched").asLong()).isEqualTo(7);
        assertThat(all.path("messages").get(6).has("eventId")).as("plain text is no event").isFalse();
        assertThat(api.get("/v1/queues/dlq/messages:peek?after=nonsense").json().path("location").asText())
                .isEqualTo("query: after");
    }

    @Test
    void deletesChosenMessagesAndSaysHowManyThereWere() throws SQLException {
        UUID a = letter("HTTP_500", "default/orders", "audit");
        UUID b = letter("HTTP_500", "default/orders", "audit");
        UUID kept = letter("HTTP_500", "default/orders", "audit");

        Reply deleted = api.post("/v1/queues/dlq/messages:delete", "{\"messageIds\": [\"" + a + "\", \"" + b
                + "\", \"" + UUID.randomUUID() + "\"]}");
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.json().path("deleted").asInt()).isEqualTo(2);
        assertThat(ids("")).containsExactly(kept.toString());
        assertThat(api.post("/v1/queues/dlq/messages:delete", "{\"messageIds\": []}").problemCode(400))
                .isEqualTo("ValidationError");
        assertThat(api.get("/v1/audit-log").body()).contains("queue.delete-messages");
    }

    @Test
    void redrivesEveryDeadLetterAFilterMatchesAtARateAndLeavesThoseThatCannotBe() throws SQLException {
        storeEvent();
        for (int i = 0; i < 4; i++) {
            letter("HTTP_500", "default/orders", "audit");
        }
        UUID targetGone = letter("HTTP_500", "default/orders", "gone");
        UUID otherCode = letter("HTTP_404", "default/orders", "audit");

        JsonNode preview = api.post("/v1/queues/dlq/messages:bulk-redrive", "{\"errorCode\": \"HTTP_500\","
                + " \"dryRun\": true}").json();
        assertThat(preview.path("matched").asLong()).isEqualTo(5);
        assertThat(preview.path("redriven").asLong()).isZero();
        assertThat(query("SELECT count(*) FROM delivery")).isEqualTo("0");

        Reply done = api.post("/v1/queues/dlq/messages:bulk-redrive", "{\"errorCode\": \"HTTP_500\","
                + " \"ratePerSecond\": 2}");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().path("redriven").asLong()).isEqualTo(4);
        assertThat(done.json().path("skipped").path("rule or target deleted").asLong()).isEqualTo(1);
        assertThat(done.json().path("remaining").asLong()).isEqualTo(1);
        assertThat(query("SELECT count(*) FROM delivery WHERE state = 'AVAILABLE' AND target_id = 'audit'"))
                .isEqualTo("4");
        assertThat(query("SELECT round(extract(epoch FROM max(next_attempt_at) - min(next_attempt_at)))"
                + " FROM delivery")).as("the 4th of 4 at 2/s, 1.5 s after the first").isEqualTo("2");
        assertThat(ids("")).containsExactlyInAnyOrder(targetGone.toString(), otherCode.toString());
        assertThat(api.post("/v1/queues/dlq/messages:bulk-redrive", "{\"limit\": 5000}").json().path("location")
                .asText()).isEqualTo("limit");
        assertThat(api.get("/v1/audit-log").body()).contains("queue.bulk-redrive");
    }

    private java.util.List<String> ids(String query) {
        Reply reply = api.get("/v1/queues/dlq/messages:peek" + query);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("messages").findValuesAsText("messageId");
    }

    private static UUID letter(String errorCode, String rule, String target) throws SQLException {
        return message("dlq", "{\"id\": \"" + EVENT + "\"}", "{\"ERROR_CODE\": \"" + errorCode + "\", \"RULE\": \""
                + rule + "\", \"TARGET\": \"" + target + "\"}", "0 seconds");
    }

    private Reply redrive(UUID message) {
        return api.post("/v1/queues/dlq/messages:redrive", "{\"messageId\": \"" + message + "\"}");
    }

    private static void storeEvent() throws SQLException {
        try (Connection c = TestDatabase.get().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO event (id, bus_id, ingested_at, event_time, source, detail_type, envelope)
                     SELECT ?, id, now(), now(), 'shop', 't', ? FROM bus WHERE name = 'default'
                     """)) {
            ps.setObject(1, EVENT);
            ps.setString(2, "{\"version\": \"0\", \"id\": \"" + EVENT + "\"}");
            ps.executeUpdate();
        }
    }

    private static UUID message(String queue, String body, String attributes, String hiddenFor) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = TestDatabase.get().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO queue_message (id, queue_id, body, attributes, visible_at, sent_at, expires_at)
                     SELECT ?, id, ?, ?::jsonb, now() + ?::interval, clock_timestamp(), now() + interval '1 day'
                     FROM queue WHERE name = ?
                     """)) {
            ps.setObject(1, id);
            ps.setString(2, body);
            ps.setString(3, attributes);
            ps.setString(4, hiddenFor);
            ps.setString(5, queue);
            ps.executeUpdate();
        }
        return id;
    }

    private static String query(String sql) throws SQLException {
        try (Connection c = TestDatabase.get().dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
