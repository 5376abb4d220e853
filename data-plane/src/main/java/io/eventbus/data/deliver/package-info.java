/**
 * Stage 4 of the event path: sending a claimed delivery to its target: webhooks with their Standard Webhooks
 * signatures and the credentials of their connections (OAuth tokens included), queue messages. Deciding what
 * an answer means is {@code retry}'s; claiming and recording are {@code outbox}'s.
 */
package io.eventbus.data.deliver;
