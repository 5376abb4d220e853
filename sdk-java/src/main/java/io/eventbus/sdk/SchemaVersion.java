package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.time.Instant;

/**
 * One version of a schema with its document. Immutable.
 *
 * @param created what a {@link Schemas#put} answers: true when the put made this version, false when a version
 *                already had the content (then only the settings changed); false from {@link Schemas#version}
 * @param content the JSON Schema document, as JSON text
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SchemaVersion(String name, int version, boolean created, String format, boolean discovered,
                            @JsonDeserialize(using = RawJson.class) String content, Instant createdAt) {
}
