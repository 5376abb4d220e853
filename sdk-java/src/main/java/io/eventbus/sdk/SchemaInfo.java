package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.time.Instant;
import java.util.List;

/**
 * A schema of the registry: the JSON Schema of one kind of event's {@code detail}, named
 * {@code <source>@<DetailTypeWithoutSpaces>}. Immutable.
 *
 * @param format        {@code JSONSchemaDraft4} or {@code JSONSchema2020-12}
 * @param discovered    whether every version came from discovery rather than from a person
 * @param latestVersion the number of the latest version
 * @param content       the latest version's document, as JSON text; null in {@link Schemas#list()}
 * @param versions      every version, oldest first; empty in {@link Schemas#list()}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SchemaInfo(String name, String description, String format, SchemaCompatibility compatibility,
                         boolean discovered, int latestVersion,
                         @JsonDeserialize(using = RawJson.class) String content, List<Version> versions,
                         Instant createdAt, Instant updatedAt) {

    public SchemaInfo {
        versions = versions == null ? List.of() : List.copyOf(versions);
    }

    /** One version in a schema's list of versions. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Version(int version, boolean discovered, Instant createdAt) {
    }
}
