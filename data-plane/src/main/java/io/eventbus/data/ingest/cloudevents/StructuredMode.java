package io.eventbus.data.ingest.cloudevents;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.data.ingest.ParsedEntry;

/**
 * Structured mode (one event in the body) and batch mode (a JSON array of events). A body that is not JSON, or not
 * an object (structured) or an array (batch), makes the request unreadable; an event that is not a valid
 * CloudEvent only refuses its own entry, so structured mode answers like a batch of one. Stateless, thread-safe.
 */
final class StructuredMode {

    static final String REFUSED = "ValidationError";

    private StructuredMode() {
    }

    /** @throws ValidationError when the body is not one JSON object */
    static List<ParsedEntry> one(byte[] body, MediaType media) {
        JsonNode event = CloudEventsJson.parse(body, media, "body");
        if (!event.isObject()) {
            throw new ValidationError("body", "A structured CloudEvent (" + MediaType.STRUCTURED
                    + ") is a JSON object, not " + CloudEventsJson.describe(event));
        }
        return List.of(entry((ObjectNode) event, ""));
    }

    /** @throws ValidationError when the body is not a JSON array */
    static List<ParsedEntry> batch(byte[] body, MediaType media) {
        JsonNode events = CloudEventsJson.parse(body, media, "body");
        if (!events.isArray()) {
            throw new ValidationError("body", "A CloudEvents batch (" + MediaType.BATCH
                    + ") is a JSON array of events, not " + CloudEventsJson.describe(events));
        }
        List<ParsedEntry> entries = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            String at = "event [" + i + "]: ";
            entries.add(event.isObject() ? entry((ObjectNode) event, at)
                    : ParsedEntry.refused(REFUSED, at + "an event is a JSON object, not "
                    + CloudEventsJson.describe(event)));
        }
        return entries;
    }

    private static ParsedEntry entry(ObjectNode event, String at) {
        try {
            return ParsedEntry.ok(MapToEntry.map(StructuredEvent.read(event)));
        } catch (InvalidEvent e) {
            return ParsedEntry.refused(REFUSED, at + e.getMessage());
        }
    }
}
