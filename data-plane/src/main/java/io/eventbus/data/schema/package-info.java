/**
 * The schemas the data plane checks events against at ingest: the latest version of each schema, compiled once
 * and kept until the control plane announces a change of it ({@code schema:<name>} on the config channel).
 */
package io.eventbus.data.schema;
