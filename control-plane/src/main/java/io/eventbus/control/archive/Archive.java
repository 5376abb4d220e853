package io.eventbus.control.archive;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/**
 * An archive as the API shows it, with what it holds. Absent values are written as nulls, so clients see every
 * field.
 *
 * @param eventPattern    the events of the bus it keeps; null: every event
 * @param retentionDays   how long it keeps them; 0: forever
 * @param oldestEventTime the earliest event time it holds; null when empty
 * @param newestEventTime the latest event time it holds; null when empty
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record Archive(String name, String bus, @Schema(nullable = true) String description,
               @Schema(nullable = true, type = "object") JsonNode eventPattern, int retentionDays,
               long eventCount, long sizeBytes, @Schema(nullable = true) Instant oldestEventTime,
               @Schema(nullable = true) Instant newestEventTime, Instant createdAt, Instant updatedAt, long version) {
}
