package io.eventbus.control.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A plain HTTP client for the admin API, as curl would use it: the token, JSON text in, status and JSON out. */
public final class AdminApi {

    public static final String TOKEN = "test-admin-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    public AdminApi(URI base) {
        this.base = base;
    }

    /** Properties a test context needs for the admin API: a known token. */
    public static Map<String, String> properties() {
        return Map.of("eventbus.admin.token", TOKEN);
    }

    public Reply get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Reply post(String path, String json) {
        return send("POST", path, json, Map.of());
    }

    public Reply put(String path, String json) {
        return send("PUT", path, json, Map.of());
    }

    public Reply delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    public Reply send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (!headers.containsKey("Authorization")) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach((k, v) -> {
            if (v != null) {
                request.header(k, v);
            }
        });
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, raw body, headers; {@link #json()} parses the body. */
    public record Reply(int status, String body, Map<String, java.util.List<String>> headers) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        /** The problem's {@code code}, after checking this is a problem+json of {@code expectedStatus}. */
        public String problemCode(int expectedStatus) {
            if (status != expectedStatus) {
                throw new AssertionError("expected " + expectedStatus + " but got " + status + ": " + body);
            }
            String type = header("Content-Type");
            if (type == null || !type.startsWith("application/problem+json")) {
                throw new AssertionError("not problem+json: " + type + " " + body);
            }
            return json().path("code").asText();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
