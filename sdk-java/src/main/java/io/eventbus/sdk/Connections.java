package io.eventbus.sdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connections ({@code /v1/connections}): how webhook targets authenticate (basic, API key, OAuth client
 * credentials). Secrets are write-only: they go in with a {@link ConnectionAuth} and no answer holds them.
 * Obtained from {@link Admin#connections()}; thread-safe.
 */
public final class Connections {

    private record ConnectionList(List<Connection> connections) {
    }

    private final AdminHttp http;

    Connections(AdminHttp http) {
        this.http = http;
    }

    /** Creates connection {@code name} (description may be null); 409 {@code Conflict} when it exists. */
    public Connection create(String name, String description, ConnectionAuth auth) {
        Map<String, Object> body = new LinkedHashMap<>(AdminHttp.body("name", name, "description", description));
        body.putAll(auth.members());
        Transport.Answer<Connection> answer = http.call("POST", "/v1/connections", body, null, Connection.class);
        return answer.body().withEtag(answer.etag());
    }

    /** Connection {@code name}; 404 {@code NotFound} when there is none. */
    public Connection get(String name) {
        Transport.Answer<Connection> answer = http.call("GET", path(name), null, null, Connection.class);
        return answer.body().withEtag(answer.etag());
    }

    /** Every connection, by name. */
    public List<Connection> list() {
        return List.copyOf(http.get("/v1/connections", ConnectionList.class).connections());
    }

    /**
     * Replaces description and authentication; a {@link ConnectionAuth} without its secret keeps the stored one if
     * the authorization type stays. {@code ifMatch} (an {@link Connection#etag()}, or null for none) makes it
     * conditional: 412 {@code PreconditionFailed} when the connection changed.
     */
    public Connection update(String name, String description, ConnectionAuth auth, String ifMatch) {
        Map<String, Object> body = new LinkedHashMap<>(AdminHttp.body("description", description));
        body.putAll(auth.members());
        Transport.Answer<Connection> answer = http.call("PUT", path(name), body, ifMatch, Connection.class);
        return answer.body().withEtag(answer.etag());
    }

    /** Deletes connection {@code name}; 409 {@code Conflict} while a webhook target uses it. */
    public void delete(String name) {
        http.delete(path(name), null);
    }

    private static String path(String name) {
        return "/v1/connections/" + Transport.segment(name);
    }
}
