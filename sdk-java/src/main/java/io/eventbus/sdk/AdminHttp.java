package io.eventbus.sdk;

import java.util.Map;

/**
 * The admin API's calls for the {@link Admin} sub-clients: JSON bodies, answers as records with their ETag, and
 * {@code If-Match} when a write is conditional. Thread-safe (it holds only the thread-safe {@link Transport}).
 */
final class AdminHttp {

    private static final String JSON = "application/json";

    private final Transport transport;

    AdminHttp(Transport transport) {
        this.transport = transport;
    }

    <T> Transport.Answer<T> call(String method, String path, Object body, String ifMatch, Class<T> type) {
        Map<String, String> headers = ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch);
        return transport.exchange(method, path, JSON, body == null ? null : Json.write(body), headers, type);
    }

    <T> T get(String path, Class<T> type) {
        return call("GET", path, null, null, type).body();
    }

    <T> T post(String path, Object body, Class<T> type) {
        return call("POST", path, body, null, type).body();
    }

    void delete(String path, String ifMatch) {
        call("DELETE", path, null, ifMatch, Void.class);
    }

    /** A JSON object of name, value pairs, without the pairs whose value is null. */
    static Map<String, Object> body(Object... namesAndValues) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                body.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return body;
    }

    /** {@code ?name=value} with the value percent-encoded, or "" when it is null. */
    static String query(String name, Object value) {
        return value == null ? "" : "?" + name + "=" + java.net.URLEncoder.encode(value.toString(),
                java.nio.charset.StandardCharsets.UTF_8);
    }
}
