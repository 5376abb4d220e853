package io.eventbus.core.pattern;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Finds where in a pattern a problem is, as a path such as {@code detail.total} or {@code $or[1].source}, since
 * event-ruler's messages rarely name the field. Stateless and thread-safe.
 */
final class ProblemLocation {

    private static final String OR = "$or";

    private ProblemLocation() {
    }

    /** The field whose value event-ruler's parser was reading when it gave up. */
    static String ofParser(JsonParseException e) {
        JsonParser parser = e.getProcessor();
        return parser == null ? InvalidEventPattern.WHOLE_PATTERN : pathOf(parser.getParsingContext());
    }

    /**
     * The path of object fields from the root down to {@code context}, stopping at the first value list (the
     * array of a field other than {@code $or}), since a problem inside a value list belongs to its field.
     */
    static String pathOf(JsonStreamContext context) {
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.push(c);
        }
        StringBuilder path = new StringBuilder();
        String lastName = null;
        for (JsonStreamContext c : chain) {
            if (c.inObject() && c.getCurrentName() != null) {
                lastName = c.getCurrentName();
                path.append(path.length() == 0 ? "" : ".").append(lastName);
            } else if (c.inArray() && OR.equals(lastName)) {
                path.append('[').append(c.getCurrentIndex()).append(']');
                lastName = null;
            } else {
                break;
            }
        }
        return path.length() == 0 ? InvalidEventPattern.WHOLE_PATTERN : path.toString();
    }

    /**
     * Tries each field's value list on its own, in document order, as the one-field pattern
     * {@code {"f": <the list's text>}} (text kept exactly, numbers included), and returns the path of the first
     * that {@code fails}; {@code $} when none fails alone.
     */
    static String firstFailingLeaf(String json, Predicate<String> fails) {
        try (JsonParser parser = PatternCompiler.JSON.createParser(json)) {
            String found = parser.nextToken() == JsonToken.START_OBJECT ? walk(parser, json, "", fails) : null;
            return found == null ? InvalidEventPattern.WHOLE_PATTERN : found;
        } catch (IOException e) {
            return InvalidEventPattern.WHOLE_PATTERN;
        }
    }

    private static String walk(JsonParser parser, String json, String prefix, Predicate<String> fails)
            throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            JsonToken value = parser.nextToken();
            String found = null;
            if (value == JsonToken.START_OBJECT) {
                found = walk(parser, json, path, fails);
            } else if (value == JsonToken.START_ARRAY && OR.equals(name)) {
                found = walkBranches(parser, json, path, fails);
            } else if (value == JsonToken.START_ARRAY) {
                int start = (int) parser.currentTokenLocation().getCharOffset();
                parser.skipChildren();
                int end = (int) parser.currentTokenLocation().getCharOffset() + 1;
                found = fails.test("{\"f\":" + json.substring(start, end) + "}") ? path : null;
            }
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String walkBranches(JsonParser parser, String json, String path, Predicate<String> fails)
            throws IOException {
        int index = 0;
        for (JsonToken branch = parser.nextToken(); branch != JsonToken.END_ARRAY; branch = parser.nextToken()) {
            if (branch == JsonToken.START_OBJECT) {
                String found = walk(parser, json, path + "[" + index + "]", fails);
                if (found != null) {
                    return found;
                }
            } else {
                parser.skipChildren();
            }
            index++;
        }
        return null;
    }
}
