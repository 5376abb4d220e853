package io.eventbus.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Infers a JSON Schema (draft-04, as EventBridge's discovered schemas are) from sample details, for schema
 * discovery: types, the properties of objects (required: those every sample had), the items of arrays (one schema
 * for all their elements), and {@code date-time} for strings that are RFC 3339 times in every sample. A property
 * that was a string in one sample and a number in another has both types. Samples are merged one at a time
 * ({@link #merge}), so a discovered schema grows with what the samples show and never needs them all at once.
 * Bounded so that the document stays within {@link SchemaLimits}: values nested so deep that their schema would
 * pass {@link SchemaLimits#MAX_DEPTH} are described by their type alone ({@code {"type": "object"}}), and at most
 * {@value #MAX_PROPERTIES} properties are described per object (more are allowed, not listed). Stateless.
 */
public final class InferSchema {

    static final int MAX_PROPERTIES = 200;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String DRAFT4 = "http://json-schema.org/draft-04/schema#";

    private InferSchema() {
    }

    /** The schema of one sample detail, as a whole document. */
    public static ObjectNode of(JsonNode sample) {
        return document(describe(sample, 1));
    }

    /** A schema that every detail valid under {@code schema} and {@code sample} is valid under: their union. */
    public static ObjectNode merge(ObjectNode schema, JsonNode sample) {
        return document(unite(strip(schema), describe(sample, 1)));
    }

    /**
     * The union of two inferred documents: what discovery stores when another process has widened the schema
     * meanwhile (every detail valid under either is valid under the union).
     */
    public static ObjectNode union(ObjectNode a, ObjectNode b) {
        return document(unite(strip(a), strip(b)));
    }

    /** {@code body} as a whole draft-04 document. */
    private static ObjectNode document(ObjectNode body) {
        ObjectNode document = NODES.objectNode().put("$schema", DRAFT4);
        document.setAll(body);
        return document;
    }

    private static ObjectNode strip(ObjectNode document) {
        ObjectNode copy = document.deepCopy();
        copy.remove("$schema");
        return copy;
    }

    /** The schema of {@code value}, to sit at {@code depth} in the document (the document itself is 1). */
    private static ObjectNode describe(JsonNode value, int depth) {
        ObjectNode schema = NODES.objectNode();
        // a member's schema sits two levels down (properties, then the member), its own values one more
        boolean room = depth + 3 <= SchemaLimits.MAX_DEPTH;
        switch (value.getNodeType()) {
            case OBJECT -> {
                schema.put("type", "object");
                if (!room) {
                    return schema;
                }
                ObjectNode properties = schema.putObject("properties");
                ArrayNode required = NODES.arrayNode();
                int described = 0;
                for (Map.Entry<String, JsonNode> member : value.properties()) {
                    if (described++ == MAX_PROPERTIES) {
                        break;
                    }
                    properties.set(member.getKey(), describe(member.getValue(), depth + 2));
                    required.add(member.getKey());
                }
                if (!required.isEmpty()) {
                    schema.set("required", required);
                }
            }
            case ARRAY -> {
                schema.put("type", "array");
                if (!room || value.isEmpty()) {
                    return schema;
                }
                ObjectNode items = null;
                for (JsonNode element : value) {
                    ObjectNode described = describe(element, depth + 1);
                    items = items == null ? described : unite(items, described);
                }
                schema.set("items", items);
            }
            case STRING -> {
                schema.put("type", "string");
                if (isDateTime(value.asText())) {
                    schema.put("format", "date-time");
                }
            }
            case NUMBER -> schema.put("type", value.isIntegralNumber() ? "integer" : "number");
            case BOOLEAN -> schema.put("type", "boolean");
            default -> schema.put("type", "null");
        }
        return schema;
    }

    /** The union of two inferred schemas: both types; properties of both; required only what both require. */
    private static ObjectNode unite(ObjectNode a, ObjectNode b) {
        ObjectNode out = NODES.objectNode();
        Set<String> types = new TreeSet<>(types(a));
        types.addAll(types(b));
        if (types.contains("number")) {
            types.remove("integer");
        }
        if (types.size() == 1) {
            out.put("type", types.iterator().next());
        } else {
            ArrayNode list = out.putArray("type");
            types.forEach(list::add);
        }
        // a format stays only while every string seen had it (a side with no strings says nothing of it)
        String formatA = a.path("format").asText(null);
        String formatB = b.path("format").asText(null);
        boolean stringsA = types(a).contains("string");
        boolean stringsB = types(b).contains("string");
        String format = stringsA && stringsB ? (Objects.equals(formatA, formatB) ? formatA : null)
                : stringsA ? formatA : stringsB ? formatB : null;
        if (format != null) {
            out.put("format", format);
        }
        if (a.has("properties") || b.has("properties")) {
            ObjectNode properties = out.putObject("properties");
            Set<String> names = new LinkedHashSet<>(names(a.path("properties")));
            names.addAll(names(b.path("properties")));
            for (String name : names) {
                if (properties.size() == MAX_PROPERTIES) {
                    break;
                }
                JsonNode left = a.path("properties").get(name);
                JsonNode right = b.path("properties").get(name);
                properties.set(name, left == null ? right : right == null ? left
                        : unite((ObjectNode) left, (ObjectNode) right));
            }
            List<String> required = new ArrayList<>();
            Set<String> inB = new LinkedHashSet<>(texts(b.path("required")));
            boolean aIsObject = types(a).contains("object");
            boolean bIsObject = types(b).contains("object");
            // a sample that was no object at all says nothing about which properties an object has
            for (String name : aIsObject ? texts(a.path("required")) : texts(b.path("required"))) {
                if (!aIsObject || !bIsObject || inB.contains(name)) {
                    required.add(name);
                }
            }
            if (!required.isEmpty()) {
                ArrayNode list = out.putArray("required");
                required.forEach(list::add);
            }
        }
        if (a.has("items") || b.has("items")) {
            JsonNode left = a.get("items");
            JsonNode right = b.get("items");
            out.set("items", left == null ? right : right == null ? left
                    : unite((ObjectNode) left, (ObjectNode) right));
        }
        return out;
    }

    private static List<String> types(JsonNode schema) {
        JsonNode type = schema.path("type");
        return type.isArray() ? texts(type) : List.of(type.asText());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            out.add(member.getKey());
        }
        return out;
    }

    private static boolean isDateTime(String text) {
        if (text.length() < 20 || text.length() > 40 || !Character.isDigit(text.charAt(0))) {
            return false;
        }
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
