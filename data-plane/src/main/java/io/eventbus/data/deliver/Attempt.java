package io.eventbus.data.deliver;

import io.eventbus.data.outbox.StoredConnection;

/**
 * What a {@link TargetDriver} knows of one attempt besides its target's configuration.
 *
 * @param deliveryId  the delivery's id: the same for every attempt (a webhook's {@code webhook-id}, a broker's
 *                    message id for deduplication)
 * @param number      1 for the first attempt
 * @param eventId     the event's id
 * @param bus         the name of the bus the event was put on
 * @param rule        the name of the rule that matched it
 * @param envelope    the event as stored (EventBridge's envelope)
 * @param body        what input shaping made of it: what the target gets
 * @param shaped      whether the target shapes its input (then {@code body} is not the envelope)
 * @param connection  the connection the target authenticates with (its secret still encrypted), or null
 * @param lastError   how the previous attempt failed ({@code CODE: message}), null before the first
 */
public record Attempt(String deliveryId, int number, String eventId, String bus, String rule, String envelope,
                      String body, boolean shaped, StoredConnection connection, String lastError) {
}
