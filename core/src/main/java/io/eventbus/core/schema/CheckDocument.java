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
 * <p>References are looked for everywhere except inside the values of {@code enum}, {@code const},
 * {@code default} and {@code examples} (data, not schema); a {@code $ref} string anywhere else must start with
 * {@code #}, because a remote reference would make the server fetch a URL of the author's choosing.
 */
final class CheckDocument {

    /** Keywords whose value is data an instance may hold, never a schema. */
    private static final Set<String> DATA_KEYWORDS = Set.of("enum", "const", "default", "examples");

    /** Keywords that reference another schema and must therefore stay local. */
    private static final Set<String> REFERENCE_KEYWORDS = Set.of("$ref", "$dynamicRef", "$recursiveRef");

    private int nodes;

    private CheckDocument() {
    }

    /** @throws InvalidSchema at the first problem found, in document order */
    static void check(JsonNode document) {
        new CheckDocument().walk(document, "", 1, false);
    }

    private void walk(JsonNode node, String pointer, int depth, boolean data) {
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
                walk(node.get(i), Pointers.element(pointer, i), depth + 1, data);
            }
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String key = member.getKey();
            JsonNode value = member.getValue();
            String at = Pointers.member(pointer, key);
            if (!data) {
                checkKeyword(key, value, at);
            }
            walk(value, at, depth + 1, data || DATA_KEYWORDS.contains(key));
        }
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
