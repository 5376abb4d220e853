package io.eventbus.data.ingest.cloudevents;

import java.util.List;
import java.util.Map;

import io.cloudevents.core.v1.CloudEventBuilder;
import io.cloudevents.rw.CloudEventRWException;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.data.ingest.ParsedEntry;

/**
 * Binary mode: the context attributes are {@code ce-*} headers, {@code Content-Type} is {@code datacontenttype}
 * and the body is the data. The headers are the one event, so an event that is not a valid CloudEvent makes the
 * request unreadable ({@link ValidationError} naming the header); only the native model's own limits (such as the
 * length of {@code detailType}) refuse the entry, as the native API does. Stateless, thread-safe.
 */
final class BinaryMode {

    private BinaryMode() {
    }

    /** @throws ValidationError when the headers or a JSON body do not make a valid CloudEvent 1.0 */
    static List<ParsedEntry> read(Map<String, List<String>> headers, String contentType, MediaType media,
                                  byte[] body) {
        Event event = event(CeHeaders.attributes(headers), contentType, media, body);
        try {
            return List.of(ParsedEntry.ok(MapToEntry.map(event)));
        } catch (InvalidEvent e) {
            return List.of(ParsedEntry.refused(StructuredMode.REFUSED, e.getMessage()));
        }
    }

    private static Event event(Map<String, String> attributes, String contentType, MediaType media, byte[] body) {
        if (!attributes.containsKey("specversion")) {
            throw new ValidationError("header: ce-specversion", "Not a CloudEvent: binary mode needs the headers"
                    + " ce-specversion, ce-id, ce-source and ce-type; or send one event with Content-Type "
                    + MediaType.STRUCTURED + ", or a JSON array of events with Content-Type " + MediaType.BATCH);
        }
        try {
            RequiredAttributes.check(attributes::get);
        } catch (InvalidEvent e) {
            throw new ValidationError("header: ce-" + e.attribute(), e.getMessage() + " (header ce-"
                    + e.attribute() + ")");
        }
        CloudEventBuilder context = new CloudEventBuilder();
        attributes.forEach((name, value) -> {
            if (!name.equals("specversion")) {
                set(context, "header: ce-" + name, name, value);
            }
        });
        if (contentType != null) {
            set(context, "header: Content-Type", "datacontenttype", contentType);
        }
        return new Event(context.build(), data(contentType, media, body));
    }

    /** Lets the SDK check one attribute (URIs, times, extension names), so that the error names its header. */
    private static void set(CloudEventBuilder context, String header, String name, String value) {
        try {
            context.withContextAttribute(name, value);
        } catch (CloudEventRWException | IllegalArgumentException e) {
            throw new ValidationError(header, "Not a valid CloudEvent: " + e.getMessage());
        }
    }

    private static EventData data(String contentType, MediaType media, byte[] body) {
        if (body.length == 0) {
            return EventData.NONE;
        }
        if (media != null && media.isJson()) {
            return new EventData.Json(CloudEventsJson.parse(body, media, "body"));
        }
        return new EventData.Bytes(body, contentType);
    }
}
