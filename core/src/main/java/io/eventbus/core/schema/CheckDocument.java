package io.eventbus.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The structural checks of a parsed schema document, made before any validator sees it: the size limits of
 * {@link SchemaLimits}, references that stay inside the document, and safe regular expressions. One walk over
 * the document. Stateless, thread-safe.
 *
 * <p>The walk knows where keywords are: in a schema, a member's name is a keyword; under {@code properties},
 * {@code definitions}, {@code $defs} and the like it is a name whose value is a schema; under {@code enum},
 * {@code const}, {@code default} and {@code examples} everything is data an instance may hold, not checked. The
 * value of a keyword it does not know (OpenAPI's {@code components}, an {@code x-} extension) is checked
 * everywhere, as the validator may still reach it through a reference. A {@code $ref} (or {@code $dynamicRef},
 * {@code $recursiveRef}) must start with {@code #}: a remote reference would make the server fetch a URL of the
 * author's choosing.
 */
final class CheckDocument {

    /** How the members of an object are read. */
    private enum Reading {
        /** A schema: member names are keywords. */
        SCHEMA,
        /** A map of names to schemas ({@code properties}, {@code $defs}, ...). */
        NAMES,
        /** Data an instance may hold ({@code enum}, {@code default}, ...): not checked. */
        DATA,
        /** The value of an unknown keyword: checked everywhere, never read as data. */
        UNKNOWN
    }

    /** Keywords whose value is data an instance may hold, never a schema. */
    private static final Set<String> DATA_KEYWORDS = Set.of("enum", "const", "default", "examples");

    /** Keywords whose value maps names to schemas. */
    private static final Set<String> MAP_KEYWORDS = Set.of("properties", "patternProperties", "definitions",
            "$defs", "dependentSchemas", "dependencies");

    /** Keywords whose value is a schema or an array of schemas. */
    private static final Set<String> SCHEMA_KEYWORDS = Set.of("items", "additionalItems", "additionalProperties",
            "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties",
            "allOf", "anyOf", "oneOf", "prefixItems", "contentSchema");

    /** Keywords that reference another schema and must therefore stay local. */
    private static final Set<String> REFERENCE_KEYWORDS = Set.of("$ref", "$dynamicRef", "$recursiveRef");

    private int nodes;

    private CheckDocument() {
    }

    /** @throws InvalidSchema at the first problem found, in document order */
    static void check(JsonNode document) {
        new CheckDocument().walk(document, "", 1, Reading.SCHEMA);
    }

    private void walk(JsonNode node, String pointer, int depth, Reading reading) {
        if (++nodes > SchemaLimits.MAX_NODES) {
            throw new InvalidSchema(pointer, "Schema has more than " + SchemaLimits.MAX_NODES
                    + " JSON values; split it or simplify it");
        }
        if (!node.isContainerNode()) {
            return;
        }
        if (depth > SchemaLimits.MAX_DEPTH) {
            throw new InvalidSchema(pointer, "Schema nests objects and arrays more than " + SchemaLimits.MAX_DEPTH
                    + " levels deep");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), Pointers.element(pointer, i), depth + 1, reading);
            }
            return;
        }
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            String key = member.getKey();
            JsonNode value = member.getValue();
            String at = Pointers.member(pointer, key);
            if (reading == Reading.SCHEMA || reading == Reading.UNKNOWN) {
                checkKeyword(key, value, at);
            }
            walk(value, at, depth + 1, childReading(reading, key));
        }
    }

    private static Reading childReading(Reading reading, String key) {
        return switch (reading) {
            case DATA -> Reading.DATA;
            case NAMES -> Reading.SCHEMA;
            case UNKNOWN -> Reading.UNKNOWN;
            case SCHEMA -> {
                if (DATA_KEYWORDS.contains(key)) {
                    yield Reading.DATA;
                }
                if (MAP_KEYWORDS.contains(key)) {
                    yield Reading.NAMES;
                }
                yield SCHEMA_KEYWORDS.contains(key) ? Reading.SCHEMA : Reading.UNKNOWN;
            }
        };
    }

    private static void checkKeyword(String key, JsonNode value, String at) {
        if (REFERENCE_KEYWORDS.contains(key) && value.isTextual() && !value.asText().startsWith("#")) {
            throw new InvalidSchema(at, key + " '" + value.asText() + "' is not a local reference (starting with"
                    + " #): remote references are never fetched; copy the referenced schema into \"definitions\""
                    + " or \"$defs\" and refer to it as #/...");
        }
        if ("enum".equals(key) && value.isArray() && value.size() > SchemaLimits.MAX_ENUM_VALUES) {
            throw new InvalidSchema(at, "enum lists " + value.size() + " values; the limit is "
                    + SchemaLimits.MAX_ENUM_VALUES);
        }
        if ("pattern".equals(key) && value.isTextual()) {
            checkRegex(value.asText(), at);
        }
        if ("patternProperties".equals(key) && value.isObject()) {
            for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
                String regex = names.next();
                checkRegex(regex, Pointers.member(at, regex));
            }
        }
    }

    private static void checkRegex(String regex, String at) {
        Optional<String> problem = SafeRegex.problem(regex);
        if (problem.isPresent()) {
            throw new InvalidSchema(at, "Pattern '" + regex + "' is refused: " + problem.get());
        }
    }
}
