package io.eventbus.core.transform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.core.target.InputTransformer;

/**
 * Shapes what a rule's target receives, with EventBridge's semantics. A pure function of its arguments:
 * no I/O, no clock, no shared mutable state, so it is thread-safe and gives the same body for the same inputs.
 *
 * <p>The stored shaping is one of:
 * <ul>
 * <li>nothing ({@code null}, JSON null or {@code {}}): the event text, unchanged byte for byte;</li>
 * <li>{@code {"input": <any JSON value>}}: that value's compact JSON text, the event ignored;</li>
 * <li>{@code {"inputPath": "$.detail"}}: the JSON text of what the path selects (a string with its quotes,
 *     numbers spelled as in the event). A wildcard or deep-scan path gives an array, {@code []} when it finds
 *     nothing. A definite path that names nothing (a missing key, an index past the end) gives {@code null}:
 *     EventBridge documents no body for this case, and {@code null} keeps the body valid JSON and agrees with a
 *     missing variable in a JSON template;</li>
 * <li>{@code {"inputTransformer": {"inputPathsMap": {...}, "inputTemplate": "..."}}}: the template with each
 *     {@code <name>} replaced, by the rules below.</li>
 * </ul>
 *
 * <p>How a template is read depends on its first non-blank character:
 * <ul>
 * <li><code>&#123;</code> or <code>[</code>: a JSON template. A placeholder outside quotes takes the value as
 *     JSON (strings quoted, numbers exactly as in the event, objects and arrays as they are), as in EventBridge's
 *     {@code {"instance": <instance>}}. Inside quotes it takes the text: a string without its quotes and escaped
 *     so the string stays valid (EventBridge's "doesn't escape" would let a quote in a value break the JSON;
 *     escaping is what keeps the output deliverable), a number/boolean/null as its JSON text, an object or
 *     array as its JSON text with the quotes removed (EventBridge: "removes any internal quotes to ensure a
 *     valid string"). The result is minified (EventBridge: "the JSON that is passed to the target is
 *     minified"); if it is not valid JSON, this throws.</li>
 * <li>{@code "}: a string template, e.g. {@code "instance <instance> is in <state>"}; placeholders inside its
 *     quotes take the text as above, and the body is the resulting JSON string literal, quotes included (not
 *     re-checked: EventBridge delivers such text as it comes out).</li>
 * <li>anything else: plain text, e.g. {@code <instance> is in state <status>}; strings are inserted as their
 *     raw text, other values as their JSON text.</li>
 * </ul>
 *
 * <p>A path that names nothing gives {@code null} outside quotes and nothing (empty text) inside quotes or in
 * plain text: EventBridge documents that such a variable "won't appear in the output", and {@code null} is the
 * only way to leave it out of a JSON value position without breaking the JSON. Placeholders that are neither in
 * {@code inputPathsMap} nor reserved stay as written (in a JSON template outside quotes that makes the result
 * invalid, hence an exception).
 *
 * <p>Reserved variables, which win over a path of the same name: {@code <aws.events.rule-name>},
 * {@code <aws.events.rule-arn>}, {@code <aws.events.event.ingestion-time>} (RFC 3339, UTC, e.g.
 * {@code 2026-11-26T10:00:00Z}), {@code <aws.events.event>} (the event without its {@code detail} field, as
 * EventBridge documents it) and {@code <aws.events.event.json>} (the whole event: the object outside quotes,
 * its JSON text escaped as a string inside quotes).
 */
public final class ShapeInput {

    private static final List<String> KINDS = List.of("input", "inputPath", "inputTransformer");

    private ShapeInput() {
    }

    /**
     * @param shaping   the target's stored shaping, {@code null} for the whole event
     * @param eventJson the EventBridge envelope as delivered without shaping
     * @param context   the rule and the ingestion time, for the reserved variables
     * @return the body to deliver
     * @throws IllegalArgumentException when the shaping is malformed, a JSONPath is invalid, the event is not
     *                                  JSON, or a JSON template does not give valid JSON; retrying cannot help
     */
    /** Whether {@code shaping} changes what a target receives (it is not absent, null or empty). */
    public static boolean shapes(JsonNode shaping) {
        return !(shaping == null || shaping.isNull() || shaping.isMissingNode() || shaping.isObject() && shaping.isEmpty());
    }

    public static String shape(JsonNode shaping, String eventJson, Context context) {
        Objects.requireNonNull(eventJson, "eventJson");
        Objects.requireNonNull(context, "context");
        if (!shapes(shaping)) {
            return eventJson;
        }
        String kind = onlyKind(shaping);
        JsonNode value = shaping.get(kind);
        return switch (kind) {
            case "input" -> ExactJson.write(value);
            case "inputPath" -> EventPath.select(ExactJson.read(eventJson, "The event"), text(value, "inputPath"))
                    .map(ExactJson::write)
                    .orElse("null");
            default -> FillTemplate.fill(transformer(value), ExactJson.read(eventJson, "The event"), context);
        };
    }

    private static String onlyKind(JsonNode shaping) {
        List<String> fields = new ArrayList<>();
        shaping.fieldNames().forEachRemaining(fields::add);
        if (!shaping.isObject() || fields.size() != 1 || !KINDS.contains(fields.get(0))) {
            throw new IllegalArgumentException(
                    "Input shaping must have exactly one of input, inputPath or inputTransformer, not " + fields);
        }
        return fields.get(0);
    }

    private static InputTransformer transformer(JsonNode value) {
        if (!value.isObject()) {
            throw new IllegalArgumentException("inputTransformer must be an object");
        }
        Map<String, String> paths = new LinkedHashMap<>();
        JsonNode map = value.path("inputPathsMap");
        if (!map.isMissingNode() && !map.isNull()) {
            if (!map.isObject()) {
                throw new IllegalArgumentException("inputTransformer.inputPathsMap must be an object");
            }
            map.properties().forEach(
                    e -> paths.put(e.getKey(), text(e.getValue(), "inputPathsMap." + e.getKey())));
        }
        return new InputTransformer(paths, text(value.path("inputTemplate"), "inputTransformer.inputTemplate"));
    }

    private static String text(JsonNode value, String field) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return value.textValue();
    }
}
