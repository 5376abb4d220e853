package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * A built-in queue as the admin API shows it, with its depth. (Not {@code Queue}: that name would clash with
 * {@code java.util.Queue} in a program that imports both packages with {@code *}.) Immutable.
 *
 * @param visibilityTimeoutSeconds how long a received message stays hidden from other consumers
 * @param messageRetentionSeconds  how long a message is kept
 * @param depth                    how many messages it holds now
 * @param etag                     its version, for a conditional delete; only in the answers about this one queue
 *                                 (get, create), null in {@link Queues#list()}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QueueInfo(String name, String description, int visibilityTimeoutSeconds,
                        int messageRetentionSeconds, Depth depth, Instant createdAt, Instant updatedAt, String etag) {

    /**
     * How many messages a queue holds.
     *
     * @param visible  messages that can be received now
     * @param inFlight messages received and not yet deleted or visible again
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Depth(long visible, long inFlight) {
    }

    QueueInfo withEtag(String value) {
        return new QueueInfo(name, description, visibilityTimeoutSeconds, messageRetentionSeconds, depth,
                createdAt, updatedAt, value);
    }
}
