package io.eventbus.core.schema;

/**
 * What a bus does with an event whose detail its schema refuses (the bus setting {@code schemaValidation}): the
 * schema is the latest version of {@code <source>@<DetailTypeWithoutSpaces>} ({@link SchemaNames#of}).
 */
public enum SchemaValidation {
    /** No check. */
    OFF,
    /** Accepted all the same, and counted in the metric {@code eventbus.ingest.schema.violations}. */
    WARN,
    /** The entry fails with {@code SchemaValidationFailed} and the validator's messages; the others are stored. */
    ENFORCE
}
