package io.eventbus.control.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.core.schema.SchemaViolation;

import java.time.Instant;
import java.util.List;

/** What the schema routes answer. */
final class SchemaViews {

    private SchemaViews() {
    }

    /** A schema without its documents, as lists show it. */
    record SchemaSummary(String name, String description, String format, String compatibility, boolean discovered,
                         int latestVersion, Instant createdAt, Instant updatedAt, @JsonIgnore long version,
                         @JsonIgnore long id) {
    }

    /** A schema with its latest document and the list of its versions. */
    record SchemaDetail(String name, String description, String format, String compatibility, boolean discovered,
                        int latestVersion, JsonNode content, List<VersionInfo> versions, Instant createdAt,
                        Instant updatedAt) {
    }

    /** One version in a schema's list of versions. */
    record VersionInfo(int version, boolean discovered, Instant createdAt) {
    }

    /** One version with its document. */
    record SchemaVersion(String name, int version, String format, boolean discovered, JsonNode content,
                         Instant createdAt) {
    }

    /**
     * The answer to a put: the version that now holds the content, and whether the put created it (false when a
     * version already had that content).
     */
    record PutResult(String name, int version, boolean created, String format, String compatibility,
                     JsonNode content, Instant createdAt) {
    }

    /** The schemas, by name. */
    record SchemaList(List<SchemaSummary> schemas) {
    }

    /** The outcome of checking a sample detail against a version. */
    record ValidationResult(String name, int version, boolean valid, List<SchemaViolation> violations) {
    }
}
