package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Settings of a bus. Immutable.
 *
 * @param eventRetentionDays how long accepted events are kept: 1 to 3,650 days; null: the default, 7
 * @param deadLetterQueue    the queue that receives failed deliveries of targets without a dead-letter queue of
 *                           their own (it must exist); null: none
 * @param schemaValidation   what the bus does with an event whose detail the latest version of its schema
 *                           ({@code <source>@<DetailTypeWithoutSpaces>}) refuses; null: {@link SchemaValidation#OFF}
 * @param requireSchema      with WARN or ENFORCE, an event with no schema is invalid too; null: false
 * @param schemaDiscovery    infer schemas from sampled events of the bus; null: false
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BusSettings(Integer eventRetentionDays, String deadLetterQueue, SchemaValidation schemaValidation,
                          Boolean requireSchema, Boolean schemaDiscovery) {

    /** Retention and dead-letter queue, with the schema settings at their defaults. */
    public BusSettings(Integer eventRetentionDays, String deadLetterQueue) {
        this(eventRetentionDays, deadLetterQueue, null, null, null);
    }

    /** The defaults: 7 days of retention, no dead-letter queue, no schema validation or discovery. */
    public static BusSettings defaults() {
        return new BusSettings(null, null);
    }
}
