package io.eventbus.control.queue;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;

/**
 * A built-in queue as the API shows it, with its depth: {@code visible} messages can be received now,
 * {@code inFlight} ones are received and not yet deleted or visible again.
 */
public record Queue(String name, String description, int visibilityTimeoutSeconds, int messageRetentionSeconds,
                    Depth depth, Instant createdAt, Instant updatedAt, @JsonIgnore long version) {

    public record Depth(long visible, long inFlight) {
    }
}
