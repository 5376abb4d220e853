/**
 * The way out of the data plane: the one HTTP client of deliveries ({@code OutboundHttp}, non-blocking on Netty,
 * with pooled connections ({@code Connections}) and one {@code Exchange} per call), whose resolver
 * ({@code EgressResolver}) enforces the egress policy on every connection ({@code core.egress.EgressPolicy}: no
 * internal addresses unless {@code EVENTBUS_DELIVERY_ALLOW_PRIVATE_NETWORKS=true}; the control plane warns of
 * webhook targets it refuses with the same policy; ADR 0017). Senders ({@code deliver}) use it; {@code retry} reads its refusals
 * ({@code EgressRefused}) as permanent failures.
 */
package io.eventbus.data.egress;
