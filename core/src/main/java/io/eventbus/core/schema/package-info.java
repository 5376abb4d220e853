/**
 * Event schemas: checking and compiling a schema document ({@link io.eventbus.core.schema.CompiledSchema}, in one
 * of the {@link io.eventbus.core.schema.SchemaFormat}s, within {@link io.eventbus.core.schema.SchemaLimits}),
 * validating an event's {@code detail} against it ({@link io.eventbus.core.schema.SchemaViolation}), and checking
 * a new version against earlier ones under a {@link io.eventbus.core.schema.Compatibility} mode
 * ({@link io.eventbus.core.schema.CheckCompatibility}); inferring a schema from sample details
 * ({@link io.eventbus.core.schema.InferSchema}, for discovery), Java records of a schema
 * ({@link io.eventbus.core.schema.JavaRecords}), schema names ({@link io.eventbus.core.schema.SchemaNames}) and the
 * fingerprint that tells versions with the same content ({@link io.eventbus.core.schema.SchemaFingerprint}).
 *
 * <p>Pure logic: no database, no HTTP, and never the network (a schema cannot make the server fetch anything).
 * Validation is networknt's json-schema-validator, configured in {@code JsonSchemaEngine}; compatibility is our
 * own structural comparison (docs/adr/0014).
 *
 * <p>Does not belong here: storing schema versions and the HTTP API (the control plane; discovered versions: the data
 * plane's {@code RecordDiscoveredSchema}), caching compiled schemas and validating events on ingest (the data
 * plane's {@code LatestSchemas}, {@code CheckSchemas}).
 */
package io.eventbus.core.schema;
