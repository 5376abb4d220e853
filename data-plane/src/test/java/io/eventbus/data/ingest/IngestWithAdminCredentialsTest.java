package io.eventbus.data.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.apikey.ApiKeySecrets;
import io.eventbus.core.auth.ConsoleSession;
import io.eventbus.core.testing.TestDatabase;
import io.eventbus.core.testing.WithTestDatabase;
import io.eventbus.data.match.MatchRules;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static io.eventbus.data.ingest.IngestApiTest.rows;
import static io.eventbus.data.ingest.IngestApiTest.sql;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ingest takes the admin's credentials besides API keys, so the console can send events: the admin token and the
 * console's session cookie, the latter only from the console itself (docs/adr/0010). Real server and database.
 */
@MicronautTest
class IngestWithAdminCredentialsTest implements WithTestDatabase {

    static final String KEY = ApiKeySecrets.PREFIX + "admin-credentials-test-key";
    static final String ENTRY = "{\"entries\": [{\"source\": \"console\", \"detailType\": \"Tried\", \"detail\": {\"n\": 1}}]}";
    static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith("eventbus.delivery.enabled", "false");
    }

    @Inject
    EmbeddedServer server;

    @Inject
    ConsoleSession sessions;

    @Inject
    MatchRules matchRules;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void configure() {
        sql("INSERT INTO bus (name) VALUES ('orders')");
        sql("INSERT INTO api_key (id, name, secret_hash, buses) VALUES (gen_random_uuid(), 'producer', ?, '{orders}')",
                ApiKeySecrets.hash(KEY));
        matchRules.refresh("orders"); // cleaning between tests truncates without notifying
        matchRules.refresh("default");
    }

    @Test
    void theAdminTokenPutsEventsOnEveryBus() throws Exception {
        for (String bus : List.of("orders", "default")) {
            HttpResponse<String> response = put(bus, Map.of("Authorization", "Bearer " + TestDatabase.ADMIN_TOKEN));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).path("entries").get(0).has("eventId")).isTrue();
        }
        HttpResponse<String> cloudEvent = send("/v1/buses/orders/cloudevents", "{\"n\": 2}", Map.of(
                "Authorization", "Bearer " + TestDatabase.ADMIN_TOKEN, "ce-specversion", "1.0", "ce-id", "c-1",
                "ce-source", "console", "ce-type", "Tried"));
        assertThat(cloudEvent.statusCode()).as(cloudEvent.body()).isEqualTo(200);
        assertThat(rows("SELECT b.name FROM event e JOIN bus b ON b.id = e.bus_id ORDER BY e.id"))
                .containsExactly("orders", "default", "orders");
        assertThat(code(put("nowhere", Map.of("Authorization", "Bearer " + TestDatabase.ADMIN_TOKEN)), 404))
                .as("the admin may learn that a bus does not exist").isEqualTo("NotFound");
    }

    @Test
    void theConsoleSessionPutsEventsFromTheConsoleItself() throws Exception {
        String cookie = ConsoleSession.COOKIE + "=" + sessions.issue();
        String origin = "http://" + server.getHost() + ":" + server.getPort();

        HttpResponse<String> fromTheConsole = put("orders",
                Map.of("Cookie", cookie, "Origin", origin, "Sec-Fetch-Site", "same-origin"));
        assertThat(fromTheConsole.statusCode()).as(fromTheConsole.body()).isEqualTo(200);
        HttpResponse<String> withoutOrigin = put("orders", Map.of("Cookie", cookie));
        assertThat(withoutOrigin.statusCode()).as("a client that sends no Origin, like curl").isEqualTo(200);
        assertThat(rows("SELECT count(*) FROM event")).containsExactly("2");
    }

    @Test
    void theConsoleSessionFromAnotherSiteIsRefused() throws Exception {
        String cookie = ConsoleSession.COOKIE + "=" + sessions.issue();

        // another page on this machine (a foreign Origin on loopback passes Micronaut's own localhost guard)
        HttpResponse<String> otherOrigin = put("orders", Map.of("Cookie", cookie, "Origin", "http://localhost:1"));
        assertThat(code(otherOrigin, 403)).isEqualTo("Forbidden");
        assertThat(JSON.readTree(otherOrigin.body()).path("location").asText()).isEqualTo("header: Origin");
        HttpResponse<String> crossSite = put("orders", Map.of("Cookie", cookie, "Sec-Fetch-Site", "cross-site"));
        assertThat(code(crossSite, 403)).isEqualTo("Forbidden");
        HttpResponse<String> sameSite = put("orders", Map.of("Cookie", cookie, "Sec-Fetch-Site", "same-site",
                "Origin", "http://localhost:1"));
        assertThat(code(sameSite, 403)).as("another port is another origin").isEqualTo("Forbidden");
        assertThat(rows("SELECT count(*) FROM event")).containsExactly("0");
    }

    @Test
    void aSignedOutSessionPutsNoEventsAndOtherSessionsStillDo() throws Exception {
        String signedOut = sessions.issue();
        String other = sessions.issue();
        assertThat(put("orders", Map.of("Cookie", ConsoleSession.COOKIE + "=" + signedOut)).statusCode()).isEqualTo(200);

        assertThat(sessions.revoke(signedOut)).isTrue();

        HttpResponse<String> refused = put("orders", Map.of("Cookie", ConsoleSession.COOKIE + "=" + signedOut));
        assertThat(code(refused, 401)).as("a copy of the signed-out cookie").isEqualTo("Unauthorized");
        HttpResponse<String> stillValid = put("orders", Map.of("Cookie", ConsoleSession.COOKIE + "=" + other));
        assertThat(stillValid.statusCode()).as(stillValid.body()).isEqualTo(200);
        assertThat(rows("SELECT count(*) FROM event")).containsExactly("2");
    }

    @Test
    void apiKeysStillWorkAndStillHaveTheirScope() throws Exception {
        HttpResponse<String> own = put("orders", Map.of("Authorization", "Bearer " + KEY));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(code(put("default", Map.of("Authorization", "Bearer " + KEY)), 403)).isEqualTo("Forbidden");
        String cookie = ConsoleSession.COOKIE + "=" + sessions.issue();
        assertThat(code(put("default", Map.of("Authorization", "Bearer " + KEY, "Cookie", cookie)), 403))
                .as("an Authorization header is what counts, as in the control plane").isEqualTo("Forbidden");
        assertThat(rows("SELECT count(*) FROM event")).containsExactly("1");
    }

    @Test
    void withoutCredentialsOrWithWrongOnesNothingIsStored() throws Exception {
        HttpResponse<String> none = put("orders", Map.of());
        assertThat(code(none, 401)).isEqualTo("Unauthorized");
        assertThat(JSON.readTree(none.body()).path("detail").asText()).contains("API key").contains("admin token");
        assertThat(code(put("orders", Map.of("Authorization", "Bearer " + TestDatabase.ADMIN_TOKEN + "x")), 401))
                .isEqualTo("Unauthorized");
        String[] session = sessions.issue().split("\\.");
        String forged = session[0] + "." + session[1] + "." + (Long.parseLong(session[2]) + 86_400) + "." + session[3];
        assertThat(code(put("orders", Map.of("Cookie", ConsoleSession.COOKIE + "=" + forged)), 401))
                .as("a session whose expiry was changed").isEqualTo("Unauthorized");
        assertThat(rows("SELECT count(*) FROM event")).containsExactly("0");
    }

    private HttpResponse<String> put(String bus, Map<String, String> headers) throws Exception {
        return send("/v1/buses/" + bus + "/events", ENTRY, headers);
    }

    private HttpResponse<String> send(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String code(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        return JSON.readTree(response.body()).path("code").asText();
    }
}
