package io.eventbus.sdk;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the real server holds, read through the event explorer with the admin token: the ids of a bus' events
 * ({@code GET /v1/events?bus=...}, every page) and one event's detail ({@code GET /v1/events/{id}}). Also a bus
 * and an API key for it, for tests that point a client somewhere else than the server (a proxy).
 */
final class StoredEvents {

    private StoredEvents() {
    }

    /** A new bus and the secret of a new API key that may put events on it. */
    static String newBusAndKey(RunningEventbus server, String bus) {
        server.admin("POST", "/v1/buses", "{\"name\": \"" + bus + "\"}");
        String answer = server.admin("POST", "/v1/api-keys", "{\"name\": \"" + bus + "-producer\", \"buses\": [\""
                + bus + "\"], \"queues\": []}");
        return Json.read("answer", answer).path("secret").asText();
    }

    /** The ids of every event stored on {@code bus}, newest first. */
    static List<String> ids(RunningEventbus server, String bus) {
        List<String> ids = new ArrayList<>();
        String before = "";
        do {
            JsonNode page = Json.read("page", server.admin("GET", "/v1/events?limit=200&bus=" + bus + "&before="
                    + URLEncoder.encode(before, StandardCharsets.UTF_8), null));
            page.path("events").forEach(event -> ids.add(event.path("id").asText()));
            before = page.path("next").asText("");
        } while (!before.isEmpty());
        return ids;
    }

    /** The detail of the stored event {@code id}. */
    static JsonNode detail(RunningEventbus server, String id) {
        return Json.read("event", server.admin("GET", "/v1/events/" + id, null)).path("event").path("detail");
    }
}
