package io.eventbus.core.transform;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;

/**
 * JSON trees whose numbers keep the spelling they had in the text ({@code 1.50}, {@code 5e3},
 * {@code 123456789012345678901234567890}): a number is held as a raw value, never as a double or a decimal, so
 * what a path selects from an event is delivered exactly as the producer wrote it. Thread-safe; holds no state.
 */
public final class ExactJson {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ExactJson() {
    }

    /**
     * @param what names the text in the error, e.g. "the event"
     * @throws IllegalArgumentException when the text is not exactly one JSON value
     */
    public static JsonNode read(String json, String what) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IllegalArgumentException(what + " is empty, not JSON");
            }
            JsonNode node = value(parser, first);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException(what + " is not valid JSON: unexpected content after the value"
                        + at(parser.currentLocation()));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    what + " is not valid JSON: " + e.getOriginalMessage() + at(e.getLocation()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The compact JSON text of a node read here, numbers as they were spelled. */
    public static String write(JsonNode node) {
        return node.toString();
    }

    /** The value's text as it stands inside a JSON string: quotes, backslashes and controls escaped. */
    static String escape(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    /** A number read here, or any other number node; null when the node is not a number. */
    static String numberText(JsonNode node) {
        if (node instanceof POJONode pojo && pojo.getPojo() instanceof RawValue raw) {
            return String.valueOf(raw.rawValue());
        }
        return node.isNumber() ? node.toString() : null;
    }

    private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    object.set(name, value(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(value(parser, next));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return NODES.rawValueNode(new RawValue(parser.getText()));
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new IllegalStateException("Jackson gave " + token + " where a value starts");
        }
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
