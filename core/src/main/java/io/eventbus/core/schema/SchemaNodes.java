package io.eventbus.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the compatibility check reads from one schema node: its types, allowed values, bounds, and whether it
 * constrains anything at all; and when two nodes mean the same, references followed. Stateless, thread-safe.
 */
final class SchemaNodes {

    /** The schema that accepts everything, standing in for a keyword that is absent. */
    static final JsonNode ANYTHING = BooleanNode.TRUE;

    /** Keywords that never make a document invalid. */
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "id", "$anchor", "$dynamicAnchor",
            "$recursiveAnchor", "$vocabulary", "$comment", "title", "description", "default", "examples",
            "deprecated", "readOnly", "writeOnly", "definitions", "$defs", "contentEncoding", "contentMediaType",
            "contentSchema");

    /** Types that together allow every JSON value ({@code integer} is within {@code number}). */
    private static final List<String> ANY_TYPE = List.of("array", "boolean", "null", "number", "object", "string");

    private SchemaNodes() {
    }

    /** Whether {@code node} accepts every document: {@code true}, or an object of annotations only. */
    static boolean acceptsAnything(JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            if (constrains(it.next())) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code keyword} may make a document invalid: not an annotation, not an {@code x-} extension. */
    static boolean constrains(String keyword) {
        return !ANNOTATIONS.contains(keyword) && !keyword.startsWith("x-");
    }

    static boolean acceptsNothing(JsonNode node) {
        return node.isBoolean() && !node.booleanValue();
    }

    /**
     * The JSON types {@code node} allows: its {@code type}, else the types of its {@code enum}/{@code const}
     * values; {@code null} when any type is allowed.
     */
    static Set<String> types(JsonNode node) {
        JsonNode type = node.get("type");
        if (type != null && type.isTextual()) {
            return Set.of(type.asText());
        }
        if (type != null && type.isArray()) {
            Set<String> types = new LinkedHashSet<>();
            type.forEach(t -> types.add(t.asText()));
            return types;
        }
        List<JsonNode> values = values(node);
        if (values == null) {
            return null;
        }
        Set<String> types = new LinkedHashSet<>();
        values.forEach(v -> types.add(typeOf(v)));
        return types;
    }

    /** Whether a document of JSON type {@code kind} can pass {@code types} ({@code integer} is a number). */
    static boolean allows(Set<String> types, String kind) {
        return types == null || types.contains(kind) || "number".equals(kind) && types.contains("integer");
    }

    /** Whether every type in {@code narrow} is allowed by {@code wide}. */
    static boolean typesWithin(Set<String> narrow, Set<String> wide) {
        if (wide == null) {
            return true;
        }
        if (narrow == null) {
            return wide.containsAll(ANY_TYPE);
        }
        for (String type : narrow) {
            if (!wide.contains(type) && !("integer".equals(type) && wide.contains("number"))) {
                return false;
            }
        }
        return true;
    }

    static String describeTypes(Set<String> types) {
        return types == null ? "any type" : String.join(" or ", types);
    }

    /** The values {@code enum} or {@code const} allows, or {@code null} when neither is present. */
    static List<JsonNode> values(JsonNode node) {
        JsonNode enumeration = node.get("enum");
        if (enumeration != null && enumeration.isArray()) {
            List<JsonNode> values = new ArrayList<>();
            enumeration.forEach(values::add);
            return values;
        }
        JsonNode constant = node.get("const");
        return constant == null ? null : List.of(constant);
    }

    /** Whether {@code values} holds a value equal to {@code value} as JSON Schema compares ({@code 1 == 1.0}). */
    static boolean containsValue(List<JsonNode> values, JsonNode value) {
        for (JsonNode candidate : values) {
            if (sameValue(candidate, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> member : a.properties()) {
                JsonNode other = b.get(member.getKey());
                if (other == null || !sameValue(member.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameValue(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static String typeOf(JsonNode value) {
        if (value.isNumber()) {
            return value.isIntegralNumber() || value.decimalValue().stripTrailingZeros().scale() <= 0
                    ? "integer" : "number";
        }
        return switch (value.getNodeType()) {
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            case ARRAY -> "array";
            case OBJECT -> "object";
            default -> "null";
        };
    }

    /** A numeric bound: its value and whether the value itself is excluded. */
    record Bound(BigDecimal value, boolean exclusive) {

        @Override
        public String toString() {
            return value.toPlainString() + (exclusive ? " (exclusive)" : "");
        }
    }

    /** The lower bound of {@code minimum}/{@code exclusiveMinimum} (either draft's form), or {@code null}. */
    static Bound lower(JsonNode node) {
        return bound(node, "minimum", "exclusiveMinimum", true);
    }

    /** The upper bound of {@code maximum}/{@code exclusiveMaximum} (either draft's form), or {@code null}. */
    static Bound upper(JsonNode node) {
        return bound(node, "maximum", "exclusiveMaximum", false);
    }

    private static Bound bound(JsonNode node, String inclusiveKeyword, String exclusiveKeyword, boolean lower) {
        JsonNode inclusive = node.get(inclusiveKeyword);
        JsonNode exclusive = node.get(exclusiveKeyword);
        Bound result = null;
        if (inclusive != null && inclusive.isNumber()) {
            // draft-04: "exclusiveMinimum": true turns "minimum" exclusive
            result = new Bound(inclusive.decimalValue(), exclusive != null && exclusive.asBoolean(false));
        }
        if (exclusive != null && exclusive.isNumber()) {
            Bound strict = new Bound(exclusive.decimalValue(), true);
            result = result == null || tighter(strict, result, lower) ? strict : result;
        }
        return result;
    }

    /** Whether bound {@code a} lets fewer numbers through than {@code b}. */
    static boolean tighter(Bound a, Bound b, boolean lower) {
        int c = a.value().compareTo(b.value());
        if (c == 0) {
            return a.exclusive() && !b.exclusive();
        }
        return lower ? c > 0 : c < 0;
    }

    /** A non-negative integer keyword such as {@code minLength}, or {@code null}. */
    static BigDecimal count(JsonNode node, String keyword) {
        JsonNode value = node.get(keyword);
        return value != null && value.isNumber() ? value.decimalValue() : null;
    }
}
