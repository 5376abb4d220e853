/**
 * The way out of the data plane: the one HTTP client of deliveries ({@code OutboundHttp}) and the egress policy
 * it enforces on every connection (no internal addresses unless
 * {@code eventbus.delivery.allow-private-networks}). Senders ({@code deliver}) use it; {@code retry} reads its
 * refusals ({@code EgressRefused}) as permanent failures.
 */
package io.eventbus.data.egress;
