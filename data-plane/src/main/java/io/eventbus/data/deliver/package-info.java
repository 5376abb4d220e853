/**
 * Stage 4 of the event path: delivery workers (claim, bound in-flight work, rescue leases) and sending a claimed
 * delivery to its target: input shaping, the target's circuit breaker and rate limit, webhooks with Standard
 * Webhooks signatures and the credentials of their connections (OAuth tokens included), through
 * {@code egress}'s client; queue messages. Deciding what an answer means is {@code retry}'s; claiming and
 * recording are {@code outbox}'s.
 */
package io.eventbus.data.deliver;
