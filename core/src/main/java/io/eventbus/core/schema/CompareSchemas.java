package io.eventbus.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbus.core.schema.SchemaNodes.Bound;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, structurally, whether every document valid under schema A is also valid under schema B, and if not
 * says why, as a change from the old schema to the new one. Used once per comparison; not thread-safe.
 *
 * <p>Soundness rule: a constraint of A the comparison does not understand may be ignored (A then looks wider than
 * it is, so a "compatible" answer stays true); a constraint of B it does not understand may not, and is reported
 * as "cannot prove ... compatible". See {@link CheckCompatibility} for the changes recognised.
 */
final class CompareSchemas {

    /** Which of A and B is the old schema. */
    enum Reading {
        /** A is the old schema, B the new one: every old document must be valid under the new schema. */
        BACKWARD,
        /** A is the new schema, B the old one: every new document must be valid under the old schema. */
        FORWARD
    }

    /** Assertion and applicator keywords this comparison does not reason about, only compares for equality. */
    private static final List<String> OPAQUE = List.of("allOf", "anyOf", "oneOf", "not", "if", "then", "else",
            "dependencies", "dependentRequired", "dependentSchemas", "patternProperties", "propertyNames",
            "additionalItems", "prefixItems", "contains", "minContains", "maxContains", "multipleOf",
            "unevaluatedItems", "unevaluatedProperties", "$dynamicRef", "$recursiveRef");

    /** The most node pairs compared before giving up: bounds the time a pathological pair of schemas takes. */
    private static final int MAX_STEPS = 20_000;

    /** The deepest nesting of comparisons (references can chain past the document's own depth): bounds the stack. */
    private static final int MAX_NESTING = 256;

    private final JsonNode rootA;
    private final JsonNode rootB;
    private final Reading reading;
    private final Set<String> reasons = new LinkedHashSet<>();
    private final Set<Pair> inProgress = new HashSet<>();
    private int steps;
    private int nesting;

    private CompareSchemas(JsonNode rootA, JsonNode rootB, Reading reading) {
        this.rootA = rootA;
        this.rootB = rootB;
        this.reading = reading;
    }

    /** Why some document valid under {@code oldSchema} may be invalid under {@code newSchema}; empty if none. */
    static List<String> backward(JsonNode oldSchema, JsonNode newSchema) {
        return new CompareSchemas(oldSchema, newSchema, Reading.BACKWARD).run();
    }

    /** Why some document valid under {@code newSchema} may be invalid under {@code oldSchema}; empty if none. */
    static List<String> forward(JsonNode oldSchema, JsonNode newSchema) {
        return new CompareSchemas(newSchema, oldSchema, Reading.FORWARD).run();
    }

    private List<String> run() {
        compare(rootA, rootB, "");
        return List.copyOf(reasons);
    }

    /** A pair of resolved schema nodes being compared, by identity: the guard against reference cycles. */
    private record Pair(JsonNode a, JsonNode b) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Pair p && p.a == a && p.b == b;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(a) * 31 + System.identityHashCode(b);
        }
    }

    private void compare(JsonNode schemaA, JsonNode schemaB, String at) {
        if (++steps > MAX_STEPS || nesting >= MAX_NESTING) {
            reasons.add("cannot prove " + Pointers.prose(at) + " compatible: the schemas are too large to compare");
            return;
        }
        JsonNode a = resolve(schemaA, rootA, at);
        JsonNode b = resolve(schemaB, rootB, at);
        if (a == null || b == null) {
            return;
        }
        Pair pair = new Pair(a, b);
        if (!inProgress.add(pair)) {
            return; // a reference cycle: this pair is already being compared further up
        }
        nesting++;
        try {
            compareResolved(a, b, at);
        } finally {
            nesting--;
            inProgress.remove(pair);
        }
    }

    private void compareResolved(JsonNode a, JsonNode b, String at) {
        if (SchemaNodes.acceptsNothing(a) || SchemaNodes.acceptsAnything(b)) {
            return;
        }
        if (SchemaNodes.acceptsNothing(b)) {
            reasons.add(pick("the new schema refuses every value at ", "the old schema refuses every value at ")
                    + Pointers.prose(at) + " (false)");
            return;
        }
        if (a.isBoolean()) {
            a = JsonNodeFactory.instance.objectNode(); // true: no constraint
        }
        Set<String> typesA = SchemaNodes.types(a);
        compareTypes(typesA, SchemaNodes.types(b), at);
        compareValues(a, b, at);
        if (SchemaNodes.allows(typesA, "number")) {
            compareBound("minimum", SchemaNodes.lower(a), SchemaNodes.lower(b), true, at);
            compareBound("maximum", SchemaNodes.upper(a), SchemaNodes.upper(b), false, at);
        }
        if (SchemaNodes.allows(typesA, "string")) {
            compareCounts(a, b, "minLength", "maxLength", at);
            compareText(a, b, "pattern", at);
            compareText(a, b, "format", at);
        }
        if (SchemaNodes.allows(typesA, "array")) {
            compareCounts(a, b, "minItems", "maxItems", at);
            compareUniqueItems(a, b, at);
            compareItems(a, b, at);
        }
        if (SchemaNodes.allows(typesA, "object")) {
            compareCounts(a, b, "minProperties", "maxProperties", at);
            CompareProperties.of(this, a, b, at);
        }
        compareOpaque(a, b, at);
    }

    // ----- the rules -----

    private void compareTypes(Set<String> typesA, Set<String> typesB, String at) {
        if (!SchemaNodes.typesWithin(typesA, typesB)) {
            reasons.add("type of " + Pointers.prose(at) + " " + pick("narrowed", "widened") + " from "
                    + SchemaNodes.describeTypes(old(typesA, typesB)) + " to "
                    + SchemaNodes.describeTypes(young(typesA, typesB)));
        }
    }

    private void compareValues(JsonNode a, JsonNode b, String at) {
        List<JsonNode> valuesB = SchemaNodes.values(b);
        if (valuesB == null) {
            return;
        }
        List<JsonNode> valuesA = SchemaNodes.values(a);
        if (valuesA == null) {
            reasons.add("allowed values " + valuesB + " " + pick("added", "removed") + " at " + Pointers.prose(at));
            return;
        }
        for (JsonNode value : valuesA) {
            if (!SchemaNodes.containsValue(valuesB, value)) {
                reasons.add("allowed values of " + Pointers.prose(at) + " " + pick("narrowed", "widened") + " from "
                        + old(valuesA, valuesB) + " to " + young(valuesA, valuesB));
                return;
            }
        }
    }

    private void compareBound(String keyword, Bound boundA, Bound boundB, boolean lower, String at) {
        if (boundB == null) {
            return;
        }
        if (boundA == null) {
            reasons.add(keyword + " " + boundB + " " + pick("added", "removed") + " at " + Pointers.prose(at));
        } else if (SchemaNodes.tighter(boundB, boundA, lower)) {
            boolean raised = lower == (reading == Reading.BACKWARD);
            reasons.add(keyword + " of " + Pointers.prose(at) + " " + (raised ? "raised" : "lowered") + " from "
                    + old(boundA, boundB) + " to " + young(boundA, boundB));
        }
    }

    private void compareCounts(JsonNode a, JsonNode b, String minKeyword, String maxKeyword, String at) {
        compareBound(minKeyword, countBound(a, minKeyword), countBound(b, minKeyword), true, at);
        compareBound(maxKeyword, countBound(a, maxKeyword), countBound(b, maxKeyword), false, at);
    }

    private static Bound countBound(JsonNode node, String keyword) {
        BigDecimal count = SchemaNodes.count(node, keyword);
        return count == null ? null : new Bound(count, false);
    }

    private void compareText(JsonNode a, JsonNode b, String keyword, String at) {
        JsonNode textB = b.get(keyword);
        if (textB == null) {
            return;
        }
        JsonNode textA = a.get(keyword);
        if (textA == null) {
            reasons.add(keyword + " " + textB + " " + pick("added", "removed") + " at " + Pointers.prose(at));
        } else if (!textA.equals(textB)) {
            reasons.add(keyword + " of " + Pointers.prose(at) + " changed from " + old(textA, textB) + " to "
                    + young(textA, textB) + "; the checker cannot prove one accepts every string the other does");
        }
    }

    private void compareUniqueItems(JsonNode a, JsonNode b, String at) {
        if (b.path("uniqueItems").asBoolean(false) && !a.path("uniqueItems").asBoolean(false)) {
            reasons.add("uniqueItems " + pick("added", "removed") + " at " + Pointers.prose(at));
        }
    }

    private void compareItems(JsonNode a, JsonNode b, String at) {
        JsonNode itemsA = a.get("items");
        JsonNode itemsB = b.get("items");
        if (itemsB == null) {
            return;
        }
        String where = Pointers.member(at, "items");
        if (itemsB.isArray() || itemsA != null && itemsA.isArray()) {
            if (itemsA == null || !same(itemsA, itemsB)) {
                cannotProve(where, "items", itemsA == null);
            }
            return;
        }
        compare(itemsA == null ? SchemaNodes.ANYTHING : itemsA, itemsB, where);
    }

    private void compareOpaque(JsonNode a, JsonNode b, String at) {
        for (String keyword : OPAQUE) {
            JsonNode valueB = b.get(keyword);
            if (valueB == null) {
                continue;
            }
            JsonNode valueA = a.get(keyword);
            if (valueA == null || !same(valueA, valueB)) {
                cannotProve(Pointers.member(at, keyword), keyword, valueA == null);
            }
        }
    }

    // ----- what the property rules need -----

    void compareAt(JsonNode schemaA, JsonNode schemaB, String at) {
        compare(schemaA, schemaB, at);
    }

    void reason(String reason) {
        reasons.add(reason);
    }

    /** The text for the reading: {@code backward} when B is the new schema, {@code forward} when it is the old. */
    String pick(String backward, String forward) {
        return reading == Reading.BACKWARD ? backward : forward;
    }

    void cannotProve(String where, String keyword, boolean onlyInB) {
        String change = onlyInB ? pick("added", "removed") : "changed";
        reasons.add("cannot prove " + where + " compatible: '" + keyword + "' " + change
                + " and the checker does not compare it");
    }

    JsonNode resolveA(JsonNode node, String at) {
        return resolve(node, rootA, at);
    }

    JsonNode resolveB(JsonNode node, String at) {
        return resolve(node, rootB, at);
    }

    private <T> T old(T fromA, T fromB) {
        return reading == Reading.BACKWARD ? fromA : fromB;
    }

    private <T> T young(T fromA, T fromB) {
        return reading == Reading.BACKWARD ? fromB : fromA;
    }

    // ----- references -----

    /**
     * {@code node} with its local {@code $ref}s followed; {@code null} (and a reason) when one cannot be followed.
     * Keywords beside a {@code $ref} are ignored on A's side (sound) and reported on B's.
     */
    private JsonNode resolve(JsonNode node, JsonNode root, String at) {
        JsonNode current = node;
        for (int hops = 0; current.isObject() && current.has("$ref"); hops++) {
            JsonNode ref = current.get("$ref");
            if (root == rootB && hasSiblingConstraints(current)) {
                reasons.add("cannot prove " + Pointers.prose(at) + " compatible: keywords beside $ref "
                        + ref + " are not compared");
            }
            JsonNode target = ref.isTextual() && ref.asText().startsWith("#")
                    ? root.at(ref.asText().substring(1)) : null;
            if (target == null || target.isMissingNode() || hops > SchemaLimits.MAX_DEPTH) {
                reasons.add("cannot prove " + Pointers.prose(at) + " compatible: $ref " + ref
                        + " cannot be followed");
                return null;
            }
            current = target;
        }
        return current;
    }

    private static boolean hasSiblingConstraints(JsonNode node) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String keyword = it.next();
            if (!"$ref".equals(keyword) && SchemaNodes.constrains(keyword)) {
                return true;
            }
        }
        return false;
    }

    /** Whether two subschemas mean the same: equal JSON, with references compared by what they point to. */
    boolean same(JsonNode a, JsonNode b) {
        return same(a, b, new HashSet<>());
    }

    private boolean same(JsonNode a, JsonNode b, Set<Pair> seen) {
        if (a.isObject() && b.isObject() && a.has("$ref") && b.has("$ref")) {
            JsonNode targetA = followOnce(a, rootA);
            JsonNode targetB = followOnce(b, rootB);
            if (targetA == null || targetB == null) {
                return false;
            }
            if (!seen.add(new Pair(targetA, targetB))) {
                return true;
            }
            return same(((ObjectNode) a).deepCopy().without("$ref"), ((ObjectNode) b).deepCopy().without("$ref"), seen)
                    && same(targetA, targetB, seen);
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> member : a.properties()) {
                JsonNode other = b.get(member.getKey());
                if (other == null || !same(member.getValue(), other, seen)) {
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
                if (!same(a.get(i), b.get(i), seen)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b) || a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0;
    }

    private static JsonNode followOnce(JsonNode node, JsonNode root) {
        JsonNode ref = node.get("$ref");
        if (!ref.isTextual() || !ref.asText().startsWith("#")) {
            return null;
        }
        JsonNode target = root.at(ref.asText().substring(1));
        return target.isMissingNode() ? null : target;
    }
}
