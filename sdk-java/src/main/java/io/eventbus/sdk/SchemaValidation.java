package io.eventbus.sdk;

/** What a bus does with an event whose detail its schema refuses (the bus setting {@code schemaValidation}). */
public enum SchemaValidation {
    /** No check. */
    OFF,
    /** Accepted all the same, and counted in the server's metric {@code eventbus.ingest.schema.violations}. */
    WARN,
    /** The entry fails with error code {@code SchemaValidationFailed}, naming each violation; the others are stored. */
    ENFORCE
}
