/**
 * Connections as both planes see them: the authorization types and the stored shape of their non-secret
 * parameters. The control plane manages connections; the data plane applies them to webhook deliveries.
 * Neither the API shape nor sending belongs here.
 */
package io.eventbus.core.connection;
