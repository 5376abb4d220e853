package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.time.Instant;

/**
 * An archive as the admin API shows it: which events of its bus it keeps, for how long, and what it holds now.
 * Immutable.
 *
 * @param eventPattern    the pattern of the events it keeps, as JSON text; null: every event of the bus
 * @param retentionDays   how many days it keeps an event; 0: forever
 * @param eventCount      the events it holds
 * @param sizeBytes       the storage they take
 * @param oldestEventTime the earliest event time it holds; null when it is empty
 * @param newestEventTime the latest event time it holds; null when it is empty
 * @param etag            its version, for a conditional update or delete; null in {@link Archives#list()}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArchiveInfo(String name, String bus, String description,
                          @JsonDeserialize(using = RawJson.class) String eventPattern, int retentionDays,
                          long eventCount, long sizeBytes, Instant oldestEventTime, Instant newestEventTime,
                          Instant createdAt, Instant updatedAt, String etag) {

    ArchiveInfo withEtag(String value) {
        return new ArchiveInfo(name, bus, description, eventPattern, retentionDays, eventCount, sizeBytes,
                oldestEventTime, newestEventTime, createdAt, updatedAt, value);
    }
}
