package io.eventbus.server.operations;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Readiness follows the database; liveness does not (a restart would not bring the database back). */
class ReadinessTest {

    @TempDir
    Path home;

    @Test
    void readinessGoesDownWithTheDatabaseWhileLivenessStaysUp() throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "datasources.default.url", postgres.getJdbcUrl("postgres", "postgres"),
                "datasources.default.username", "postgres",
                "datasources.default.password", "",
                "datasources.default.connection-timeout", "1000",
                "eventbus.home", home.toString(),
                "micronaut.server.port", "-1"));
             HttpClient http = HttpClient.create(server.getURL())) {

            assertThat(status(http, "/health/readiness")).isEqualTo(200);

            postgres.close();

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(status(http, "/health/readiness")).isEqualTo(503));
            assertThat(status(http, "/health/liveness")).isEqualTo(200);
        } finally {
            postgres.close();
        }
    }

    private static int status(HttpClient http, String path) {
        try {
            HttpResponse<String> response = http.toBlocking().exchange(path, String.class);
            return response.code();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }
}
