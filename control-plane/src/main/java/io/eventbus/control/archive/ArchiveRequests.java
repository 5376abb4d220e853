package io.eventbus.control.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;

/** The bodies of {@code /v1/archives}. */
final class ArchiveRequests {

    private ArchiveRequests() {
    }

    /** {@code POST /v1/archives}. */
    record CreateArchive(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "[A-Za-z0-9._-]{1,64}") String name,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "[A-Za-z0-9._-]{1,64}") String bus,
            String description,
            @Schema(type = "object", nullable = true, description = "EventBridge event pattern of the events to keep:"
                    + " a JSON object, or a string holding one; absent or null keeps every event of the bus")
            JsonNode eventPattern,
            @Schema(defaultValue = "0", minimum = "0", maximum = "36500",
                    description = "Days an archived event is kept; 0 keeps it forever") Integer retentionDays) {
    }

    /**
     * {@code PUT /v1/archives/{name}}: replaces description, pattern and retention (absent ones take their
     * defaults); {@code bus}, when given, must be the archive's own.
     */
    record UpdateArchive(
            String description,
            @Schema(type = "object", nullable = true, description = "EventBridge event pattern of the events to keep:"
                    + " a JSON object, or a string holding one; absent or null keeps every event of the bus")
            JsonNode eventPattern,
            @Schema(defaultValue = "0", minimum = "0", maximum = "36500") Integer retentionDays,
            @Schema(description = "The archive's bus, which cannot change") String bus) {
    }
}
