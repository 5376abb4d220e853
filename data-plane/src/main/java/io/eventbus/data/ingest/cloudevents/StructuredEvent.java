package io.eventbus.data.ingest.cloudevents;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;

/**
 * Reads one event of the JSON event format (structured mode, or one element of a batch). Members whose value is
 * {@code null} count as absent, as the format says. {@code data} and {@code data_base64} are read here rather than
 * by the SDK, whose test for JSON content types misses types such as {@code application/vnd.api+json}. Stateless
 * and thread-safe; the node passed in is changed (its data members are removed).
 */
final class StructuredEvent {

    private StructuredEvent() {
    }

    /** @throws InvalidEvent when the event is not a valid CloudEvent 1.0 */
    static Event read(ObjectNode event) {
        event.properties().removeIf(member -> member.getValue().isNull());
        RequiredAttributes.check(name -> text(event, name));
        JsonNode data = event.remove("data");
        JsonNode base64 = event.remove("data_base64");
        event.properties().forEach(member -> checkType(member.getKey(), member.getValue()));
        CloudEvent context = CloudEventsJson.context(event);
        return new Event(context, data(context.getDataContentType(), data, base64));
    }

    private static EventData data(String contentType, JsonNode data, JsonNode base64) {
        if (data != null && base64 != null) {
            throw new InvalidEvent("data", "an event has data or data_base64, not both");
        }
        if (base64 != null) {
            return new EventData.Bytes(decode(base64), contentType);
        }
        if (data == null) {
            return EventData.NONE;
        }
        MediaType media = MediaType.parse(contentType);
        if (media == null || media.isJson()) {
            return new EventData.Json(data);
        }
        if (!data.isTextual()) {
            throw new InvalidEvent("data", "data must be a string when datacontenttype is '" + contentType
                    + "' (not JSON), not " + CloudEventsJson.describe(data)
                    + "; send other bytes in data_base64, or JSON with a JSON datacontenttype");
        }
        return new EventData.Bytes(data.textValue().getBytes(StandardCharsets.UTF_8), contentType);
    }

    private static byte[] decode(JsonNode base64) {
        if (!base64.isTextual()) {
            throw new InvalidEvent("data_base64", "data_base64 must be a string of base64, not "
                    + CloudEventsJson.describe(base64));
        }
        try {
            return Base64.getDecoder().decode(base64.textValue());
        } catch (IllegalArgumentException e) {
            throw new InvalidEvent("data_base64", "data_base64 is not valid base64 (RFC 4648): " + e.getMessage());
        }
    }

    /** The CloudEvents type system knows strings (and string forms), booleans and 32-bit integers. */
    private static void checkType(String name, JsonNode value) {
        if (!value.isTextual() && !value.isBoolean() && !(value.isIntegralNumber() && value.canConvertToInt())) {
            throw new InvalidEvent(name, "attribute '" + name + "' must be a string, a boolean or an integer, not "
                    + (value.isNumber() ? value.toString() : CloudEventsJson.describe(value)));
        }
    }

    private static String text(ObjectNode event, String name) {
        JsonNode value = event.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidEvent(name, "attribute '" + name + "' must be a string, not "
                    + CloudEventsJson.describe(value));
        }
        return value.textValue();
    }
}
