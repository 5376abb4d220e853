package io.eventbus.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The object rules of {@link CompareSchemas}: {@code required}, {@code properties} and
 * {@code additionalProperties}, read with Confluent's open and closed content models: a schema is closed when
 * {@code additionalProperties} is {@code false} (documents have only the listed properties), else open (a
 * document may carry any other property, with any value, or with a value {@code additionalProperties} allows).
 */
final class CompareProperties {

    private final CompareSchemas comparison;
    private final JsonNode a;
    private final JsonNode b;
    private final String at;

    private CompareProperties(CompareSchemas comparison, JsonNode a, JsonNode b, String at) {
        this.comparison = comparison;
        this.a = a;
        this.b = b;
        this.at = at;
    }

    static void of(CompareSchemas comparison, JsonNode a, JsonNode b, String at) {
        CompareProperties rules = new CompareProperties(comparison, a, b, at);
        rules.required();
        rules.properties();
        rules.additionalProperties();
    }

    private void required() {
        Set<String> requiredA = names(a.get("required"));
        for (String name : names(b.get("required"))) {
            if (!requiredA.contains(name)) {
                comparison.reason(comparison.pick("required property '" + name + "' added at ",
                        "property '" + name + "' no longer required at ") + where(name));
            }
        }
    }

    private void properties() {
        JsonNode propertiesA = a.path("properties");
        JsonNode propertiesB = b.path("properties");
        for (Iterator<String> it = propertiesB.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (propertiesA.has(name)) {
                comparison.compareAt(propertiesA.get(name), propertiesB.get(name), where(name));
            } else {
                onlyInB(name, propertiesB.get(name));
            }
        }
        for (Iterator<String> it = propertiesA.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!propertiesB.has(name)) {
                onlyInA(name, propertiesA.get(name));
            }
        }
    }

    /** B constrains a property A does not list: A's documents carry it only if A's model is open. */
    private void onlyInB(String name, JsonNode schemaB) {
        if (closed(a)) {
            return;
        }
        JsonNode otherA = hasPatterns(a) ? SchemaNodes.ANYTHING : a.path("additionalProperties");
        JsonNode resolvedA = otherA.isMissingNode() ? SchemaNodes.ANYTHING : comparison.resolveA(otherA, at);
        JsonNode resolvedB = comparison.resolveB(schemaB, where(name));
        if (resolvedA == null || resolvedB == null) {
            return;
        }
        if (SchemaNodes.acceptsAnything(resolvedA) && !SchemaNodes.acceptsAnything(resolvedB)) {
            comparison.reason(comparison.pick(
                    "property '" + name + "' added at " + where(name) + " while the old schema allows additional"
                            + " properties: data written with it may carry '" + name + "' with a value the new"
                            + " schema refuses",
                    "property '" + name + "' removed at " + where(name) + " while the new schema still allows"
                            + " additional properties: data written with it may carry '" + name + "' with a value"
                            + " the old schema refuses"));
        } else {
            comparison.compareAt(resolvedA, resolvedB, where(name));
        }
    }

    /** A lists a property B does not: B judges it by its patterns or additionalProperties. */
    private void onlyInA(String name, JsonNode schemaA) {
        if (hasPatterns(b)) {
            comparison.cannotProve(where(name), "patternProperties", false);
        } else if (closed(b)) {
            comparison.reason(comparison.pick(
                    "property '" + name + "' removed at " + where(name) + " while the new schema does not allow"
                            + " additional properties",
                    "property '" + name + "' added at " + where(name) + " while the old schema does not allow"
                            + " additional properties"));
        } else if (b.has("additionalProperties")) {
            comparison.compareAt(schemaA, b.get("additionalProperties"), where(name));
        }
    }

    private void additionalProperties() {
        JsonNode otherB = b.get("additionalProperties");
        if (otherB == null || closed(a)) {
            return;
        }
        if (closed(b)) {
            comparison.reason(comparison.pick(
                    "additional properties no longer allowed at " + Pointers.prose(at)
                            + " (additionalProperties: false added)",
                    "additional properties allowed at " + Pointers.prose(at)
                            + " (the old schema has additionalProperties: false)"));
            return;
        }
        JsonNode otherA = hasPatterns(a) ? SchemaNodes.ANYTHING : a.path("additionalProperties");
        comparison.compareAt(otherA.isMissingNode() ? SchemaNodes.ANYTHING : otherA, otherB,
                Pointers.member(at, "additionalProperties"));
    }

    /** Whether documents of {@code schema} can have only the properties it lists. */
    private boolean closed(JsonNode schema) {
        JsonNode other = schema.get("additionalProperties");
        if (other == null || hasPatterns(schema)) {
            return false;
        }
        JsonNode resolved = schema == a ? comparison.resolveA(other, at) : comparison.resolveB(other, at);
        return resolved != null && SchemaNodes.acceptsNothing(resolved);
    }

    private static boolean hasPatterns(JsonNode schema) {
        JsonNode patterns = schema.get("patternProperties");
        return patterns != null && patterns.size() > 0;
    }

    private String where(String name) {
        return Pointers.member(Pointers.member(at, "properties"), name);
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new LinkedHashSet<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> names.add(n.asText()));
        }
        return names;
    }
}
