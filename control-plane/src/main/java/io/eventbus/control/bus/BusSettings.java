package io.eventbus.control.bus;

import io.eventbus.core.schema.SchemaValidation;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Settings of a bus.
 *
 * @param eventRetentionDays how long accepted events are kept (explorer, replay): 1 to 3,650 days, default 7
 * @param deadLetterQueue    the queue that receives failed deliveries of targets without a dead-letter queue of
 *                           their own; it must exist
 * @param schemaValidation   OFF (default), WARN or ENFORCE: what happens to an event whose detail the latest version
 *                           of its schema ({@code <source>@<DetailTypeWithoutSpaces>}) refuses
 * @param requireSchema      with WARN or ENFORCE, an event with no schema is invalid too (default false)
 * @param schemaDiscovery    infer schemas from sampled events of this bus (default false)
 */
public record BusSettings(
        @Schema(defaultValue = "7", minimum = "1", maximum = "3650") Integer eventRetentionDays,
        @Schema(nullable = true) String deadLetterQueue,
        @Schema(defaultValue = "OFF") SchemaValidation schemaValidation,
        @Schema(defaultValue = "false") Boolean requireSchema,
        @Schema(defaultValue = "false") Boolean schemaDiscovery) {

    static final int DEFAULT_RETENTION_DAYS = 7;
    static final int MAX_RETENTION_DAYS = 3650;
}
