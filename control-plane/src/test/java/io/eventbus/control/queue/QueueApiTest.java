package io.eventbus.control.queue;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.control.support.AdminApi.Reply;
import io.eventbus.control.support.ControlPlaneTest;
import io.eventbus.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class QueueApiTest extends ControlPlaneTest {

    @Test
    void createsReadsWithDepthAndDeletes() throws Exception {
        Reply created = api.post("/v1/queues", "{\"name\": \"audit\", \"visibilityTimeoutSeconds\": 60}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("messageRetentionSeconds").asInt()).isEqualTo(345_600);

        try (Connection c = TestDatabase.get().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO queue_message (id, queue_id, body, visible_at, expires_at)
                    SELECT gen_random_uuid(), q.id, 'm', now() + v.delay, now() + interval '1 day'
                    FROM queue q, (VALUES (interval '0'), (interval '0'), (interval '0'), (interval '5 minutes')) v(delay)
                    WHERE q.name = 'audit'
                    """);
        }
        JsonNode depth = api.get("/v1/queues/audit").json().path("depth");
        assertThat(depth.path("visible").asLong()).isEqualTo(3);
        assertThat(depth.path("inFlight").asLong()).isEqualTo(1);

        assertThat(api.delete("/v1/queues/audit").status()).isEqualTo(204);
        assertThat(api.get("/v1/queues/audit").problemCode(404)).isEqualTo("NotFound");
    }

    @Test
    void settingsChangeAfterCreationWithTheETagAndANewRetentionAppliesToEveryMessage() throws Exception {
        Reply created = api.post("/v1/queues", "{\"name\": \"audit\"}");
        try (Connection c = TestDatabase.get().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO queue_message (id, queue_id, body, sent_at, visible_at, expires_at)
                    SELECT gen_random_uuid(), q.id, v.body, now() - v.age, now(), now() - v.age + interval '4 days'
                    FROM queue q, (VALUES ('old', interval '2 hours'), ('new', interval '1 minute')) v(body, age)
                    WHERE q.name = 'audit'
                    """);
        }
        String body = "{\"description\": \"orders for audit\", \"visibilityTimeoutSeconds\": 120,"
                + " \"messageRetentionSeconds\": 3600}";
        assertThat(api.send("PUT", "/v1/queues/audit", body, java.util.Map.of("If-Match", "\"9\"")).problemCode(412))
                .isEqualTo("PreconditionFailed");

        Reply updated = api.send("PUT", "/v1/queues/audit", body, java.util.Map.of("If-Match", created.header("ETag")));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.header("ETag")).isNotEqualTo(created.header("ETag"));
        assertThat(updated.json().path("visibilityTimeoutSeconds").asInt()).isEqualTo(120);
        assertThat(updated.json().path("messageRetentionSeconds").asInt()).isEqualTo(3600);
        assertThat(updated.json().path("description").asText()).isEqualTo("orders for audit");
        assertThat(api.get("/v1/queues/audit/messages:peek").json().path("messages").findValuesAsText("body"))
                .as("the message older than the new retention expired").containsExactly("new");

        Reply bad = api.send("PUT", "/v1/queues/audit", "{\"messageRetentionSeconds\": 10}",
                java.util.Map.of("If-Match", updated.header("ETag")));
        assertThat(bad.json().path("location").asText()).isEqualTo("messageRetentionSeconds");
        assertThat(api.send("PUT", "/v1/queues/nope", body, java.util.Map.of("If-Match", "\"1\"")).problemCode(404))
                .isEqualTo("NotFound");
        assertThat(api.get("/v1/audit-log").body()).contains("queue.update");
    }

    @Test
    void refusesBadSettings() {
        Reply refused = api.post("/v1/queues", "{\"name\": \"q\", \"visibilityTimeoutSeconds\": 43201}");
        assertThat(refused.problemCode(400)).isEqualTo("ValidationError");
        assertThat(refused.json().path("location").asText()).isEqualTo("visibilityTimeoutSeconds");
        assertThat(api.post("/v1/queues", "{}").problemCode(400)).isEqualTo("ValidationError");
    }
}
