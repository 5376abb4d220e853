package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A queue message as an operator sees it with {@link Queues#peek}: without a receipt handle, so peeking never lets
 * anyone delete or hide it. Immutable.
 *
 * @param body       the message, e.g. the event as JSON text
 * @param attributes e.g. {@code RULE} and {@code TARGET} of a dead letter
 * @param inFlight   whether a consumer has received it and it is hidden until {@code visibleAt}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PeekedMessage(UUID messageId, String body, Map<String, String> attributes, int receiveCount,
                            Instant sentAt, Instant visibleAt, boolean inFlight) {

    public PeekedMessage {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
