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
 * What every broker driver sends for an attempt: the body, the same headers (AMQP headers, Kafka record headers, NATS
 * headers), and keys read from the event by a JSONPath (a routing key, a record key). The delivery id is the message
 * id, the same on every attempt, so that a consumer (or JetStream) can drop the duplicates of a retry. The event is
 * parsed once per attempt ({@link #of}). Immutable.
 */
public final class BrokerMessage {

    public static final String EVENT_ID = "eventbus-event-id";
    public static final String DELIVERY_ID = "eventbus-delivery-id";
    public static final String BUS = "eventbus-bus";
    public static final String RULE = "eventbus-rule";
    public static final String SOURCE = "eventbus-source";
    public static final String DETAIL_TYPE = "eventbus-detail-type";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Attempt attempt;
    private final JsonNode event;

    private BrokerMessage(Attempt attempt, JsonNode event) {
        this.attempt = attempt;
        this.event = event;
    }

    /** @throws IllegalArgumentException when the stored event is not JSON */
    public static BrokerMessage of(Attempt attempt) {
        try {
            return new BrokerMessage(attempt, JSON.readTree(attempt.envelope()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the stored event is not JSON", e);
        }
    }

    /** The message's headers, in this order. */
    public Map<String, String> headers() {
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
    public byte[] body() {
        return attempt.body().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The value at {@code path} of the event, as text (a JSON string without its quotes, anything else as JSON).
     *
     * @return empty when the path names nothing in this event
     * @throws IllegalArgumentException when the path cannot be evaluated
     */
    public Optional<String> keyAt(String path) {
        return EventPath.select(event, path).filter(v -> !v.isNull())
                .map(v -> v.isTextual() ? v.asText() : v.toString());
    }
}
