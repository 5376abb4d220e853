/**
 * Which addresses deliveries may reach ({@link io.eventbus.core.egress.EgressPolicy}): the decision both planes
 * share. The data plane enforces it on every connection (its {@code egress} package); the control plane warns of
 * webhook targets that it refuses. Nothing here opens a connection or resolves a name.
 */
package io.eventbus.core.egress;
