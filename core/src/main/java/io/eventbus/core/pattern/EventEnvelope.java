package io.eventbus.core.pattern;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The check test-event-pattern makes on its event before matching: a JSON object carrying every envelope field.
 * Reads the text as a stream, without building a tree. Stateless and thread-safe.
 */
final class EventEnvelope {

    /** The fields AWS requires of a test event, in its documentation's order. */
    static final List<String> REQUIRED_FIELDS = List.of("id", "account", "source", "time", "region", "detail-type");

    private EventEnvelope() {
    }

    /** @throws InvalidEvent saying what is wrong with {@code eventJson} */
    static void check(String eventJson) {
        Set<String> present = new HashSet<>();
        try (JsonParser parser = PatternCompiler.JSON.createParser(eventJson)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidEvent("The event must be a JSON object.");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                present.add(parser.currentName());
                parser.nextToken();
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                throw new InvalidEvent("Unexpected content after the end of the event at "
                        + PatternCompiler.lineAndColumn(parser.currentTokenLocation()) + ".");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidEvent("The event is not valid JSON: " + PatternCompiler.reasonOf(e.getOriginalMessage())
                    + " (at " + PatternCompiler.lineAndColumn(e.getLocation()) + ").");
        } catch (IOException e) {
            throw new IllegalStateException("Reading a String cannot fail", e);
        }
        List<String> missing = REQUIRED_FIELDS.stream().filter(field -> !present.contains(field)).toList();
        if (!missing.isEmpty()) {
            throw new InvalidEvent("The event lacks the envelope field(s) " + String.join(", ", missing) + ".");
        }
    }
}
