package io.eventbus.core.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * One template variable's value, rendered for each place its placeholder can stand.
 *
 * @param json     outside any string of a JSON template: the value as JSON ({@code "RUNNING"}, {@code 42},
 *                 {@code {"a":1}}), {@code null} when the path named nothing
 * @param inString inside a string of a JSON or string template: a string's text, escaped so the string stays
 *                 valid; a number, boolean or null as its JSON text; an object or array as its JSON text with
 *                 the quotes removed (EventBridge's rule for a container referenced in a string); empty when
 *                 the path named nothing
 * @param plain    in a plain-text template: a string's text unescaped, anything else as its JSON text, empty
 *                 when the path named nothing
 */
record Binding(String json, String inString, String plain) {

    /** A variable whose JSONPath named nothing in the event. */
    static final Binding MISSING = new Binding("null", "", "");

    static Binding of(JsonNode value) {
        String json = ExactJson.write(value);
        if (value.isTextual()) {
            return new Binding(json, ExactJson.escape(value.textValue()), value.textValue());
        }
        if (value.isContainerNode()) {
            return new Binding(json, ExactJson.escape(json.replace("\"", "")), json);
        }
        return new Binding(json, json, json);
    }

    static Binding text(String value) {
        return of(TextNode.valueOf(value));
    }

    /** {@code <aws.events.event.json>}: the whole event as an object, or inside quotes as an escaped string. */
    static Binding wholeEvent(String compactEvent) {
        return new Binding(compactEvent, ExactJson.escape(compactEvent), compactEvent);
    }
}
