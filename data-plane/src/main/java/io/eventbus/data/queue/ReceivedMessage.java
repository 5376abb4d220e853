package io.eventbus.data.queue;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A message as a receive returns it.
 *
 * @param messageId     stable across receives
 * @param receiptHandle of this receive: deletes the message or changes its visibility until it is received again
 * @param body          the message as sent; for a delivery or a dead letter, the event as the target gets it
 * @param attributes    the sender's; a dead letter's hold ERROR_CODE, ERROR_MESSAGE, RETRY_ATTEMPTS,
 *                      EXHAUSTED_RETRY_CONDITION (when retries ran out), RULE and TARGET
 * @param receiveCount  1 on the first receive; more means earlier receivers did not delete it in time
 * @param sentAt        when the message was put on the queue
 */
public record ReceivedMessage(UUID messageId, String receiptHandle, String body, Map<String, String> attributes,
                              int receiveCount, Instant sentAt) {
}
