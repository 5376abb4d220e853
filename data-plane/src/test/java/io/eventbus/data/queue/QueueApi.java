package io.eventbus.data.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.apikey.ApiKeySecrets;
import io.eventbus.core.testing.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The queue consumer API as a client uses it: an API key, JSON text in, status and JSON out. */
final class QueueApi {

    static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String key;
    private final HttpClient http = HttpClient.newHttpClient();

    QueueApi(URI base, String key) {
        this.base = base;
        this.key = key;
    }

    /** Stores an API key with these scopes (as the control plane would) and returns its secret. */
    static String createKey(String name, String[] buses, String[] queues) {
        String secret = ApiKeySecrets.PREFIX + "test-" + name;
        TestDatabase.get().execute("INSERT INTO api_key (id, name, secret_hash, buses, queues)"
                        + " VALUES (gen_random_uuid(), ?, ?, ?::text[], ?::text[])", name, ApiKeySecrets.hash(secret),
                "{" + String.join(",", buses) + "}", "{" + String.join(",", queues) + "}");
        return secret;
    }

    QueueApi withKey(String other) {
        return new QueueApi(base, other);
    }

    Reply send(String queue, String json) {
        return call("POST", "/v1/queues/" + queue + "/messages", json);
    }

    /** Sends {@code body} and returns the message id. */
    String sendText(String queue, String body) {
        Reply reply = send(queue, "{\"body\": " + quote(body) + "}");
        if (reply.status() != 201) {
            throw new AssertionError("send: " + reply);
        }
        return reply.json().path("messageId").asText();
    }

    Reply receive(String queue, String json) {
        return call("POST", "/v1/queues/" + queue + "/messages:receive", json);
    }

    /** The messages of a receive that must succeed. */
    List<JsonNode> messages(String queue, String json) {
        Reply reply = receive(queue, json);
        if (reply.status() != 200) {
            throw new AssertionError("receive: " + reply);
        }
        List<JsonNode> out = new ArrayList<>();
        reply.json().path("messages").forEach(out::add);
        return out;
    }

    CompletableFuture<Reply> receiveAsync(String queue, String json) {
        return http.sendAsync(request("POST", "/v1/queues/" + queue + "/messages:receive", json).build(),
                HttpResponse.BodyHandlers.ofString()).thenApply(QueueApi::reply);
    }

    Reply delete(String queue, String receiptHandle) {
        return call("DELETE", "/v1/queues/" + queue + "/messages/" + receiptHandle, null);
    }

    Reply changeVisibility(String queue, String receiptHandle, String json) {
        return call("POST", "/v1/queues/" + queue + "/messages/" + receiptHandle + ":change-visibility", json);
    }

    Reply call(String method, String path, String json) {
        try {
            return reply(http.send(request(method, path, json).build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request;
    }

    private static Reply reply(HttpResponse<String> r) {
        return new Reply(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Reply(int status, String body, String contentType) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        /** The problem's {@code code}, after checking the status. */
        String problemCode(int expectedStatus) {
            if (status != expectedStatus) {
                throw new AssertionError("expected " + expectedStatus + " but got " + this);
            }
            if (!contentType.startsWith("application/problem+json")) {
                throw new AssertionError("not problem+json: " + contentType + " " + this);
            }
            return json().path("code").asText();
        }

        String location() {
            return json().path("location").asText();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
