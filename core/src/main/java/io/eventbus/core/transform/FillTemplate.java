package io.eventbus.core.transform;

import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbus.core.target.InputTransformer;

/**
 * EventBridge's input transformer: binds each name of {@code inputPathsMap} to what its JSONPath selects in the
 * event, adds the reserved {@code aws.events.*} variables, and replaces each {@code <name>} of the template.
 * The template's first non-blank character decides how values are inserted (see {@link ShapeInput}).
 * Thread-safe; holds no state.
 */
final class FillTemplate {

    static final String RULE_NAME = "aws.events.rule-name";
    static final String RULE_ARN = "aws.events.rule-arn";
    static final String EVENT = "aws.events.event";
    static final String EVENT_JSON = "aws.events.event.json";
    static final String INGESTION_TIME = "aws.events.event.ingestion-time";

    private enum Kind { JSON, JSON_STRING, PLAIN_TEXT }

    private FillTemplate() {
    }

    static String fill(InputTransformer transformer, JsonNode event, Context context) {
        String template = transformer.inputTemplate();
        Map<String, Binding> variables = variables(transformer.inputPathsMap(), template, event, context);
        return switch (kind(template)) {
            case JSON -> ExactJson.write(ExactJson.read(substitute(template, variables, true),
                    "The input template's result"));
            case JSON_STRING -> substitute(template, variables, true);
            case PLAIN_TEXT -> substitute(template, variables, false);
        };
    }

    private static Map<String, Binding> variables(Map<String, String> paths, String template, JsonNode event,
            Context context) {
        Map<String, Binding> variables = new HashMap<>();
        paths.forEach((name, path) -> variables.put(name,
                EventPath.select(event, path).map(Binding::of).orElse(Binding.MISSING)));
        // Reserved names win over a path of the same name: EventBridge says they can't be overwritten.
        variables.put(RULE_NAME, Binding.text(context.ruleName()));
        variables.put(RULE_ARN, Binding.text(context.ruleArn()));
        variables.put(INGESTION_TIME, Binding.text(DateTimeFormatter.ISO_INSTANT.format(context.ingestionTime())));
        if (template.contains("<" + EVENT + ">")) {
            variables.put(EVENT, Binding.of(withoutDetail(event)));
        }
        if (template.contains("<" + EVENT_JSON + ">")) {
            variables.put(EVENT_JSON, Binding.wholeEvent(ExactJson.write(event)));
        }
        return variables;
    }

    private static JsonNode withoutDetail(JsonNode event) {
        if (!event.isObject()) {
            return event;
        }
        ObjectNode copy = ((ObjectNode) event).deepCopy();
        copy.remove("detail");
        return copy;
    }

    private static Kind kind(String template) {
        String start = template.stripLeading();
        if (start.startsWith("{") || start.startsWith("[")) {
            return Kind.JSON;
        }
        return start.startsWith("\"") ? Kind.JSON_STRING : Kind.PLAIN_TEXT;
    }

    /**
     * Replaces each {@code <name>} that has a binding; any other {@code <...>} stays as written. With
     * {@code jsonAware}, tracks whether the scan is inside a JSON string (honouring backslash escapes) to
     * choose between a binding's {@code inString} and {@code json} forms; without, uses {@code plain}.
     */
    private static String substitute(String template, Map<String, Binding> variables, boolean jsonAware) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        boolean inString = false;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            Binding binding = c == '<' ? placeholderAt(template, i, variables) : null;
            if (binding != null) {
                int end = template.indexOf('>', i);
                out.append(!jsonAware ? binding.plain() : inString ? binding.inString() : binding.json());
                i = end + 1;
                continue;
            }
            if (jsonAware && inString && c == '\\' && i + 1 < template.length()) {
                out.append(c).append(template.charAt(i + 1));
                i += 2;
                continue;
            }
            if (jsonAware && c == '"') {
                inString = !inString;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static Binding placeholderAt(String template, int open, Map<String, Binding> variables) {
        int close = template.indexOf('>', open + 1);
        return close < 0 ? null : variables.get(template.substring(open + 1, close));
    }
}
