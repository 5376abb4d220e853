package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Settings of a bus. Immutable.
 *
 * @param eventRetentionDays how long accepted events are kept: 1 to 3,650 days; null: the default, 7
 * @param deadLetterQueue    the queue that receives failed deliveries of targets without a dead-letter queue of
 *                           their own (it must exist); null: none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BusSettings(Integer eventRetentionDays, String deadLetterQueue) {

    /** The defaults: 7 days of retention, no dead-letter queue. */
    public static BusSettings defaults() {
        return new BusSettings(null, null);
    }
}
