package io.eventbus.data.outbox;

import io.eventbus.core.target.RetryPolicy;

/**
 * What the store holds for one attempt of a delivery ({@link Outbox#load}): the event, its target as configured now
 * (as stored: the delivery stage reads it into its kind's typed configuration), and how the previous attempt ended.
 *
 * @param envelope        null when the event is gone (retention)
 * @param type            the target's kind; null when the rule or target was deleted since
 * @param config          the target's configuration as stored (JSON text)
 * @param inputShaping    how the target shapes its input (JSON text), or null for the whole event
 * @param deadLetterQueue the target's, else the bus' default; null when neither has one
 * @param bus             the name of the delivery's bus
 * @param lastError       how the previous attempt failed ({@code CODE: message}), null before the first
 * @param connection      the connection the target authenticates with, or null
 */
public record StoredAttempt(String envelope, String type, String config, String inputShaping, RetryPolicy retryPolicy,
                            String deadLetterQueue, String bus, String lastError, StoredConnection connection) {
}
