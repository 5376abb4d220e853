package io.eventbus.data.ingest.cloudevents;

import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;

/**
 * Builds an entry's {@code detail} from a CloudEvent. The rule (see {@code docs/cloudevents.md}):
 * <ul>
 *   <li>JSON data that is an object: its members, in order;</li>
 *   <li>other JSON data (array, string, number, boolean, null), or an object that itself has a top-level
 *       {@code cloudevents} member: {@code {"data": <the value>}};</li>
 *   <li>bytes ({@code data_base64}, non-JSON types): {@code {"data_base64": "...", "datacontenttype": "..."}},
 *       the content type left out when the event has none;</li>
 *   <li>no data: nothing;</li>
 * </ul>
 * and then, always last, the reserved member {@code "cloudevents"}: every context attribute the event has
 * (required, optional and extensions) as name to string. So {@code detail.cloudevents} always means the context
 * attributes and nothing the producer sent is dropped. Stateless and thread-safe.
 */
final class Detail {

    static final String CONTEXT_MEMBER = "cloudevents";

    private Detail() {
    }

    static String of(Event event) {
        ObjectNode detail = data(event.data());
        detail.set(CONTEXT_MEMBER, attributes(event.context()));
        return CloudEventsJson.write(detail);
    }

    private static ObjectNode data(EventData data) {
        ObjectNode detail = CloudEventsJson.object();
        if (data instanceof EventData.Json json) {
            JsonNode value = json.value();
            if (value.isObject() && !value.has(CONTEXT_MEMBER)) {
                detail.setAll((ObjectNode) value);
            } else {
                detail.set("data", value);
            }
        } else if (data instanceof EventData.Bytes bytes) {
            detail.put("data_base64", Base64.getEncoder().encodeToString(bytes.value()));
            if (bytes.contentType() != null) {
                detail.put("datacontenttype", bytes.contentType());
            }
        }
        return detail;
    }

    private static ObjectNode attributes(CloudEvent context) {
        ObjectNode attributes = CloudEventsJson.object();
        attributes.put("specversion", context.getSpecVersion().toString());
        attributes.put("id", context.getId());
        attributes.put("source", context.getSource().toString());
        attributes.put("type", context.getType());
        putPresent(attributes, "datacontenttype", context.getDataContentType());
        putPresent(attributes, "dataschema", context.getDataSchema());
        putPresent(attributes, "subject", context.getSubject());
        putPresent(attributes, "time", context.getTime() == null ? null
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(context.getTime()));
        for (String name : new TreeSet<>(context.getExtensionNames())) {
            putPresent(attributes, name, context.getExtension(name));
        }
        return attributes;
    }

    private static void putPresent(ObjectNode attributes, String name, Object value) {
        if (value != null) {
            attributes.put(name, value.toString());
        }
    }
}
