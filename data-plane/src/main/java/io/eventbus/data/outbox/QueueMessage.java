package io.eventbus.data.outbox;

import java.util.Map;

/**
 * A message to put on a built-in queue in the same transaction as a delivery's outcome: the delivery of a queue
 * target, or a dead-letter message with EventBridge's attributes.
 */
public record QueueMessage(String queue, String body, Map<String, String> attributes) {
}
