package io.eventbus.server.operations;

import io.eventbus.core.testing.WithTestDatabase;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class OperationsTest implements WithTestDatabase {

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(WithTestDatabase.super.getProperties());
        try {
            properties.put("eventbus.home", Files.createTempDirectory("eventbus-home").toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return properties;
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/health/liveness", "/health/readiness"})
    void healthEndpointsAnswerUpWithoutAToken(String path) {
        HttpResponse<String> response = http.toBlocking().exchange(path, String.class);

        assertThat(response.code()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void metricsArePrometheusText() {
        HttpResponse<String> response = http.toBlocking().exchange("/metrics", String.class);

        assertThat(response.code()).isEqualTo(200);
        assertThat(response.getContentType()).hasValueSatisfying(type -> assertThat(type.toString())
                .startsWith("text/plain").contains("version=0.0.4"));
        assertThat(response.body())
                .contains("# TYPE jvm_memory_used_bytes gauge")
                .contains("hikaricp_connections");
    }

    @Test
    void metricsCountHttpRequests() {
        http.toBlocking().exchange("/health", String.class);

        String metrics = http.toBlocking().retrieve("/metrics");

        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/health\"");
    }
}
