/**
 * The schemas the data plane checks events against at ingest: the latest version of each schema, compiled once
 * and kept until the control plane announces a change of it ({@code schema:<name>} on the config channel). And
 * schema discovery: sampling accepted events, inferring their schemas ({@code core.schema.InferSchema}) and
 * recording new discovered versions in the registry ({@code DiscoverSchemas}, {@code RecordDiscoveredSchema}).
 */
package io.eventbus.data.schema;
