package io.eventbus.server.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.data.auth.RecordKeyUse;
import io.eventbus.server.support.ApiCalls;
import io.eventbus.server.support.WithAdminToken;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both planes in one process: a key that puts events and receives messages shows when it was last used in the
 * admin API, to the minute, and many requests make few writes.
 */
@MicronautTest
class ApiKeyLastUsedTest implements WithAdminToken {

    @Inject
    EmbeddedServer server;

    @Inject
    RecordKeyUse uses;

    @Test
    void aKeyUsedToPutEventsShowsWhenItWasLastUsed() throws Exception {
        call("POST", "/v1/queues", ADMIN_TOKEN, "{\"name\": \"jobs\"}", 201);
        String secret = call("POST", "/v1/api-keys", ADMIN_TOKEN,
                "{\"name\": \"shop\", \"buses\": [\"default\"], \"queues\": [\"jobs\"]}", 201).path("secret").asText();
        call("POST", "/v1/api-keys", ADMIN_TOKEN, "{\"name\": \"idle\", \"buses\": [\"default\"]}", 201);
        assertThat(key("shop").path("lastUsedAt").isMissingNode()).as("a new key was never used").isTrue();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        long writtenBefore = uses.written();

        for (int i = 0; i < 20; i++) {
            call("POST", "/v1/buses/default/events", secret,
                    "{\"entries\": [{\"source\": \"shop.orders\", \"detailType\": \"t\", \"detail\": {\"n\": " + i + "}}]}",
                    200);
            call("POST", "/v1/queues/jobs/messages:receive", secret, "{}", 200);
        }
        uses.flush();

        Instant lastUsed = Instant.parse(key("shop").path("lastUsedAt").asText());
        assertThat(lastUsed).isBetween(start, Instant.now()).isEqualTo(lastUsed.truncatedTo(ChronoUnit.MINUTES));
        assertThat(key("idle").path("lastUsedAt").isMissingNode()).isTrue();
        assertThat(uses.written() - writtenBefore).as("40 requests, one write per minute they span")
                .isBetween(1L, 2L);
        assertThat(Thread.getAllStackTraces().keySet()).as("flushes run on their own, from the start")
                .anyMatch(t -> t.getName().equals("eventbus-api-key-use") && t.isAlive());
    }

    private JsonNode key(String name) throws Exception {
        for (JsonNode key : call("GET", "/v1/api-keys", ADMIN_TOKEN, null, 200).path("apiKeys")) {
            if (key.path("name").asText().equals(name)) {
                return key;
            }
        }
        throw new AssertionError("no API key " + name);
    }

    private JsonNode call(String method, String path, String token, String body, int status) throws Exception {
        return new ApiCalls(server.getURL()).call(method, path, token, body, status);
    }
}
