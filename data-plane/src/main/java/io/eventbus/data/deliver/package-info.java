/**
 * Stage 4 of the event path: sending a claimed delivery to its target (today: the Standard Webhooks
 * signature of webhook deliveries). Deciding what an answer means is {@code retry}'s; claiming and recording
 * are {@code outbox}'s.
 */
package io.eventbus.data.deliver;
