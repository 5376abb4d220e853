package io.eventbus.core.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbus.core.transform.ExactJson;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A delivery as a CloudEvents 1.0 message in HTTP binary mode, for webhook targets with
 * {@code "format": "CLOUDEVENTS_BINARY"}: the context attributes are {@code ce-*} headers, the data is the body.
 * The reverse of the ingest mapping (docs/cloudevents.md):
 * <ul>
 *   <li>An event that came in as a CloudEvent ({@code detail.cloudevents} holds its attributes) goes out with
 *   those attributes, extensions included, and its data as it came: {@code detail.data}, the bytes of
 *   {@code detail.data_base64} with its {@code datacontenttype}, or the members of {@code detail} but
 *   {@code cloudevents}.</li>
 *   <li>Any other event: {@code id} is the event id, {@code source} its source, {@code type} its detail-type,
 *   {@code time} its time, {@code subject} its first resource; the data is {@code detail}.</li>
 *   <li>With input shaping, the data is the shaped input instead; the attributes stay the event's.</li>
 * </ul>
 * Numbers keep their spelling; header values are percent-encoded where the binding asks. Pure.
 */
final class CloudEventsBinary {

    private static final String JSON = "application/json";
    private static final Set<String> NOT_HEADERS = Set.of("datacontenttype", "data", "data_base64");

    private CloudEventsBinary() {
    }

    record Message(Map<String, String> headers, byte[] body, String contentType) {
    }

    /** @param shapedBody the target's shaped input, or null when the target does not shape it */
    static Message of(String envelopeJson, String shapedBody) {
        JsonNode envelope = ExactJson.read(envelopeJson, "The event");
        JsonNode detail = envelope.path("detail");
        JsonNode original = detail.path("cloudevents");
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("specversion", "1.0");
        if (original.isObject()) {
            original.properties().forEach(a -> {
                if (!NOT_HEADERS.contains(a.getKey()) && a.getValue().isValueNode()) {
                    attributes.put(a.getKey(), a.getValue().asText());
                }
            });
            attributes.put("specversion", "1.0");
        } else {
            attributes.put("id", envelope.path("id").asText());
            attributes.put("source", envelope.path("source").asText());
            attributes.put("type", envelope.path("detail-type").asText());
            attributes.put("time", envelope.path("time").asText());
            JsonNode resources = envelope.path("resources");
            if (resources.isArray() && !resources.isEmpty()) {
                attributes.put("subject", resources.get(0).asText());
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        attributes.forEach((name, value) -> headers.put("ce-" + name, encode(value)));
        if (shapedBody != null) {
            return new Message(headers, shapedBody.getBytes(StandardCharsets.UTF_8), JSON);
        }
        if (!original.isObject()) {
            return new Message(headers, json(detail), JSON);
        }
        ObjectNode data = ((ObjectNode) detail).deepCopy();
        data.remove("cloudevents");
        if (data.size() == 1 && data.has("data")) {
            return new Message(headers, json(data.get("data")), JSON);
        }
        if (data.has("data_base64") && data.size() <= 2) {
            String type = data.path("datacontenttype").asText(original.path("datacontenttype").asText("application/octet-stream"));
            return new Message(headers, Base64.getDecoder().decode(data.get("data_base64").asText()), type);
        }
        return new Message(headers, data.isEmpty() ? new byte[0] : json(data), JSON);
    }

    private static byte[] json(JsonNode node) {
        return ExactJson.write(node).getBytes(StandardCharsets.UTF_8);
    }

    /** The HTTP binding's header encoding: printable ASCII but space, '"' and '%' as is; the rest percent-encoded. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && c != '"' && c != '%') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
