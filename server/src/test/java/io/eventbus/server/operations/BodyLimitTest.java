package io.eventbus.server.operations;

import io.eventbus.server.support.WithAdminToken;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** An oversized body is refused with 413 problem+json, with the server's real configuration. */
@MicronautTest
class BodyLimitTest implements WithAdminToken {

    @Inject
    EmbeddedServer server;


    @Test
    void refusesABodyOverOneMebibyte() throws Exception {
        String huge = "{\"name\": \"orders\", \"description\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.getURL() + "/v1/buses"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(huge)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"code\":\"PayloadTooLarge\"");
    }

    /** Bodies bound as a stream (a binary CloudEvent's data may be absent) are held to the same limit. */
    @Test
    void refusesAStreamedBodyOverOneMebibyte() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.getURL() + "/v1/buses/default/cloudevents"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/octet-stream")
                .header("ce-specversion", "1.0").header("ce-id", "big-1").header("ce-source", "test")
                .header("ce-type", "Big")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024])).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"code\":\"PayloadTooLarge\"");
    }
}
