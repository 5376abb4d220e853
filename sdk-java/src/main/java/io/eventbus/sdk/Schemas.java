package io.eventbus.sdk;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The schema registry ({@code /v1/schemas}): JSON Schemas of events' {@code detail} with immutable numbered
 * versions. A bus with {@code schemaValidation} {@link SchemaValidation#ENFORCE} refuses an event that the latest
 * version of its schema ({@code <source>@<DetailTypeWithoutSpaces>}) refuses. Obtained from {@link Admin#schemas()};
 * thread-safe.
 */
public final class Schemas {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,256}");

    private record SchemaList(List<SchemaInfo> schemas) {
    }

    private final AdminHttp http;

    Schemas(AdminHttp http) {
        this.http = http;
    }

    /**
     * Registers {@code content} (a JSON Schema draft-04 document, as JSON text) as the next version of schema
     * {@code name}, with BACKWARD compatibility; see {@link #put(String, String, SchemaCompatibility, String, String)}.
     */
    public SchemaVersion put(String name, String content) {
        return put(name, null, null, content, null);
    }

    /**
     * Registers {@code content} as the next version of schema {@code name} (version 1 of a new schema), or answers
     * the version that already has this content (then {@link SchemaVersion#created()} is false and only the
     * settings change). A null argument takes the default.
     *
     * @param format        {@code JSONSchemaDraft4} (default) or {@code JSONSchema2020-12}; one schema keeps one
     * @param compatibility which new versions are accepted (default BACKWARD); a version that breaks it fails with
     *                      409 {@code IncompatibleSchema}, whose detail gives each reason
     * @param content       the JSON Schema document, as JSON text; an invalid one fails with 400 {@code InvalidSchema}
     */
    public SchemaVersion put(String name, String format, SchemaCompatibility compatibility, String content,
                             String description) {
        Object body = AdminHttp.body("format", format, "compatibility", compatibility, "content", content,
                "description", description);
        return http.call("PUT", path(name), body, null, SchemaVersion.class).body();
    }

    /** Every schema, by name, without documents. */
    public List<SchemaInfo> list() {
        return List.copyOf(http.get("/v1/schemas", SchemaList.class).schemas());
    }

    /** Schema {@code name} with its latest document and its versions; 404 {@code NotFound} when there is none. */
    public SchemaInfo get(String name) {
        return http.get(path(name), SchemaInfo.class);
    }

    /** Version {@code version} (from 1) of schema {@code name}, with its document. */
    public SchemaVersion version(String name, int version) {
        return http.get(path(name) + "/versions/" + version, SchemaVersion.class);
    }

    /** The latest version of schema {@code name}, with its document. */
    public SchemaVersion latest(String name) {
        return http.get(path(name) + "/versions/latest", SchemaVersion.class);
    }

    /** Deletes schema {@code name} and every version of it. */
    public void delete(String name) {
        http.delete(path(name), null);
    }

    /** Checks {@code detailJson} (an event's detail, a JSON object) against the latest version of schema {@code name}. */
    public SchemaValidationResult validate(String name, String detailJson) {
        return http.post(path(name) + "/validate", AdminHttp.body("detail", detailJson), SchemaValidationResult.class);
    }

    private static String path(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a schema name (1 to 256 letters, digits, '.', '_', '-' or '@'): "
                    + name);
        }
        return "/v1/schemas/" + name;
    }
}
