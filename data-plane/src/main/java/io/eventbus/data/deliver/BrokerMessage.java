package io.eventbus.data.deliver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.transform.EventPath;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What every broker driver sends for an attempt, besides the body: the same headers (AMQP headers, Kafka record
 * headers, NATS headers), and a key read from the event by a JSONPath (a routing key, a record key). The delivery id is
 * the message id, the same on every attempt, so that a consumer (or JetStream) can drop the duplicates of a retry.
 * Pure.
 */
public final class BrokerMessage {

    public static final String EVENT_ID = "eventbus-event-id";
    public static final String DELIVERY_ID = "eventbus-delivery-id";
    public static final String BUS = "eventbus-bus";
    public static final String RULE = "eventbus-rule";
    public static final String SOURCE = "eventbus-source";
    public static final String DETAIL_TYPE = "eventbus-detail-type";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BrokerMessage() {
    }

    /** The headers of {@code attempt}'s message, in this order. */
    public static Map<String, String> headers(Attempt attempt) {
        JsonNode event = event(attempt);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(DELIVERY_ID, attempt.deliveryId());
        headers.put(EVENT_ID, attempt.eventId());
        headers.put(BUS, attempt.bus());
        headers.put(RULE, attempt.rule());
        headers.put(SOURCE, event.path("source").asText());
        headers.put(DETAIL_TYPE, event.path("detail-type").asText());
        return headers;
    }

    /** The body as bytes: what the target gets (the event, or its shaped input). */
    public static byte[] body(Attempt attempt) {
        return attempt.body().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The value at {@code path} of the event, as text (a JSON string without its quotes, anything else as JSON).
     *
     * @return empty when the path names nothing in this event
     * @throws IllegalArgumentException when the path cannot be evaluated
     */
    public static Optional<String> keyAt(Attempt attempt, String path) {
        return EventPath.select(event(attempt), path).filter(v -> !v.isNull())
                .map(v -> v.isTextual() ? v.asText() : v.toString());
    }

    private static JsonNode event(Attempt attempt) {
        try {
            return JSON.readTree(attempt.envelope());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the stored event is not JSON", e);
        }
    }
}
