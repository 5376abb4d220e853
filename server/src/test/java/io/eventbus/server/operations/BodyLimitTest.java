package io.eventbus.server.operations;

import io.eventbus.core.testing.WithTestDatabase;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An oversized body is refused with 413 problem+json, with the server's real configuration. */
@MicronautTest
class BodyLimitTest implements WithTestDatabase {

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(WithTestDatabase.super.getProperties());
        properties.put("eventbus.admin.token", "an-admin-token-for-tests");
        return properties;
    }

    @Test
    void refusesABodyOverOneMebibyte() throws Exception {
        String huge = "{\"name\": \"orders\", \"description\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.getURL() + "/v1/buses"))
                .header("Authorization", "Bearer an-admin-token-for-tests")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(huge)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"code\":\"PayloadTooLarge\"");
    }
}
