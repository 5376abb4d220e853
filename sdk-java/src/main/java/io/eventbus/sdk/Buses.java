package io.eventbus.sdk;

import java.util.List;

/**
 * Event buses ({@code /v1/buses}): create, get, list, update settings, delete. Obtained from
 * {@link Admin#buses()}; thread-safe.
 *
 * <p>Writes without an ETag replace what is there (the last write wins); the overloads with {@code ifMatch}
 * (a {@link Bus#etag()}) fail with status 412, code {@code PreconditionFailed}, when the bus changed since it was
 * read.
 */
public final class Buses {

    private record BusList(List<Bus> buses) {
    }

    private final AdminHttp http;

    Buses(AdminHttp http) {
        this.http = http;
    }

    /** Creates bus {@code name} with the default settings; 409 {@code Conflict} when it exists. */
    public Bus create(String name) {
        return create(name, null, null);
    }

    /** Creates a bus; a null description or settings takes the default. */
    public Bus create(String name, String description, BusSettings settings) {
        Object body = AdminHttp.body("name", name, "description", description, "settings", settings);
        Transport.Answer<Bus> answer = http.call("POST", "/v1/buses", body, null, Bus.class);
        return answer.body().withEtag(answer.etag());
    }

    /** Bus {@code name}; 404 {@code NotFound} when there is none. */
    public Bus get(String name) {
        Transport.Answer<Bus> answer = http.call("GET", path(name), null, null, Bus.class);
        return answer.body().withEtag(answer.etag());
    }

    /** Every bus, by name (the API answers them in one page). */
    public List<Bus> list() {
        return List.copyOf(http.get("/v1/buses", BusList.class).buses());
    }

    /** Replaces the description and settings of bus {@code name} (absent settings take their defaults). */
    public Bus update(String name, String description, BusSettings settings) {
        return update(name, description, settings, null);
    }

    /** {@link #update(String, String, BusSettings)} only if the bus still has ETag {@code ifMatch}. */
    public Bus update(String name, String description, BusSettings settings, String ifMatch) {
        Object body = AdminHttp.body("description", description, "settings", settings);
        Transport.Answer<Bus> answer = http.call("PUT", path(name), body, ifMatch, Bus.class);
        return answer.body().withEtag(answer.etag());
    }

    /** Deletes bus {@code name}; 409 {@code Conflict} while it has rules. */
    public void delete(String name) {
        http.delete(path(name), null);
    }

    /** Deletes bus {@code name}; with {@code force}, its rules too. */
    public void delete(String name, boolean force) {
        http.delete(path(name) + "?force=" + force, null);
    }

    private static String path(String name) {
        return "/v1/buses/" + Transport.segment(name);
    }
}
