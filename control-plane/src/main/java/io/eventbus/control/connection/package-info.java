/**
 * Connections as a control-plane resource ({@code /v1/connections}): how webhook targets authenticate (basic,
 * API key, OAuth client credentials), validated, stored with the secret encrypted, and shown without it.
 * Targets refer to connections by name ({@code target}); applying a connection to a delivery is the data
 * plane's.
 */
package io.eventbus.control.connection;
