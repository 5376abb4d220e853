package io.eventbus.data.ingest;

import io.eventbus.core.apikey.ApiKeySecrets;
import io.eventbus.core.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a client sends to the ingest endpoint, it never gets a 5xx: client mistakes are 4xx problems. */
class GarbageIngestTest {

    static final String SECRET = ApiKeySecrets.PREFIX + "garbage-test-key";
    static EmbeddedServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeContainer
    static void start() throws Exception {
        TestDatabase db = TestDatabase.get();
        db.clean();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO api_key (id, name, secret_hash, buses) VALUES (gen_random_uuid(), 'garbage', ?, '{*}')")) {
            ps.setBytes(1, ApiKeySecrets.hash(SECRET));
            ps.execute();
        }
        Map<String, Object> properties = new HashMap<>(db.micronautProperties());
        properties.put("micronaut.server.port", -1);
        server = ApplicationContext.run(EmbeddedServer.class, properties);
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    @Property(tries = 300)
    void arbitraryBytesNeverCauseA5xx(@ForAll("bodies") byte[] body, @ForAll("contentTypes") String contentType)
            throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(server.getURL() + "/v1/buses/default/events"))
                .header("Authorization", "Bearer " + SECRET).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(new String(body, StandardCharsets.UTF_8) + " -> " + response.body())
                .isLessThan(500);
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/json", "text/plain", "application/json; charset=utf-8",
                "application/octet-stream");
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(s -> "\"" + s.replace("\\", "").replace("\"", "") + "\""),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.of("null", "true", "{}", "[]", "{\"a\":1}", "1e400", "-0", "\"2026-13-45T99:00:00Z\""));
        Arbitrary<String> field = Arbitraries.of("source", "detailType", "detail", "resources", "time",
                "idempotencyKey", "entries", "x");
        Arbitrary<String> entry = Combinators.combine(field.list().ofMaxSize(6), value.list().ofSize(6))
                .as((names, values) -> {
                    StringBuilder b = new StringBuilder("{");
                    for (int i = 0; i < names.size(); i++) {
                        b.append(i == 0 ? "" : ",").append('"').append(names.get(i)).append("\":").append(values.get(i));
                    }
                    return b.append('}').toString();
                });
        Arbitrary<byte[]> structured = entry.list().ofMaxSize(4)
                .map(es -> ("{\"entries\": [" + String.join(",", es) + "]}").getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> truncated = structured.map(b -> java.util.Arrays.copyOf(b, Math.max(0, b.length / 2)));
        return Arbitraries.oneOf(raw, structured, truncated);
    }
}
