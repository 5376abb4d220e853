/**
 * Event schemas: checking and compiling a schema document ({@link io.eventbus.core.schema.CompiledSchema}, in one
 * of the {@link io.eventbus.core.schema.SchemaFormat}s, within {@link io.eventbus.core.schema.SchemaLimits}),
 * validating an event's {@code detail} against it ({@link io.eventbus.core.schema.SchemaViolation}), and checking
 * a new version against earlier ones under a {@link io.eventbus.core.schema.Compatibility} mode
 * ({@link io.eventbus.core.schema.CheckCompatibility}).
 *
 * <p>Pure logic: no database, no HTTP, and never the network (a schema cannot make the server fetch anything).
 * Validation is networknt's json-schema-validator, configured in {@code JsonSchemaEngine}; compatibility is our
 * own structural comparison (docs/adr/0014).
 *
 * <p>Does not belong here: storing schema versions, the HTTP API and caching compiled schemas (the control plane),
 * validating events on ingest (the data plane).
 */
package io.eventbus.core.schema;
