package io.eventbus.control.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;

/** The bodies of the schema routes. */
final class SchemaRequests {

    private SchemaRequests() {
    }

    /**
     * {@code PUT /v1/schemas/{name}}: registers {@code content} as the schema's next version, unless a version
     * already has that content.
     */
    record PutSchema(
            @Schema(type = "string", defaultValue = "JSONSchemaDraft4",
                    allowableValues = {"JSONSchemaDraft4", "JSONSchema2020-12"})
            String format,
            @Schema(type = "string", defaultValue = "BACKWARD", allowableValues = {"NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD",
                    "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE"})
            String compatibility,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, type = "object",
                    description = "The JSON Schema of the events' detail: a JSON object, or a string holding one")
            JsonNode content,
            String description) {
    }

    /** {@code POST /v1/schemas/{name}/validate}: a sample detail, checked against a version (the latest by default). */
    record Validate(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, type = "object",
                    description = "The event's detail: a JSON object, or a string holding one") JsonNode detail,
            @Schema(description = "The version to check against; the latest when absent") Integer version) {
    }
}
