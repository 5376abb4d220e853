package io.eventbus.control.bus;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Settings of a bus.
 *
 * @param eventRetentionDays how long accepted events are kept (explorer, replay): 1 to 3,650 days, default 7
 * @param deadLetterQueue    the queue that receives failed deliveries of targets without a dead-letter queue of
 *                           their own; it must exist
 */
public record BusSettings(
        @Schema(defaultValue = "7", minimum = "1", maximum = "3650") Integer eventRetentionDays,
        @Schema(nullable = true) String deadLetterQueue) {

    static final int DEFAULT_RETENTION_DAYS = 7;
    static final int MAX_RETENTION_DAYS = 3650;
}
