package io.eventbus.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Whether a new version of a schema is compatible with the earlier ones under a {@link Compatibility} mode, with
 * Confluent Schema Registry's meaning: BACKWARD, every document valid under the old schema is valid under the new
 * one; FORWARD, every document valid under the new schema is valid under the old one; FULL, both. Stateless,
 * thread-safe.
 *
 * <p>The check is a structural comparison of the keywords below, not a proof of set inclusion (docs/adr/0014).
 * Comparing "is every document valid under A also valid under B", it recognises:
 * <ul>
 *   <li>{@code true}/{@code false} schemas and schemas of annotations only;</li>
 *   <li>{@code type}: B must allow every type A allows ({@code integer} is within {@code number}); without
 *       {@code type}, the types of {@code enum}/{@code const} values count;</li>
 *   <li>{@code enum}/{@code const}: B's values must include A's (numbers compared by value);</li>
 *   <li>{@code minimum}/{@code maximum}/{@code exclusiveMinimum}/{@code exclusiveMaximum}, in draft-04's boolean
 *       and 2020-12's numeric forms; {@code minLength}/{@code maxLength}; {@code minItems}/{@code maxItems};
 *       {@code minProperties}/{@code maxProperties}: B's bounds must be as loose;</li>
 *   <li>{@code pattern} and {@code format}: added is incompatible, removed is compatible, changed is reported as
 *       not provable;</li>
 *   <li>{@code uniqueItems} added; array {@code items} compared recursively;</li>
 *   <li>{@code required} added in B (incompatible: A's documents may lack it) or removed (compatible);</li>
 *   <li>{@code properties} compared recursively, with Confluent's content models: a property B adds is compatible
 *       if A is closed ({@code additionalProperties: false}), compared with A's {@code additionalProperties}
 *       schema if it has one, and incompatible if A is open to anything (A's documents may carry it with any
 *       value) unless B leaves it unconstrained; a property B drops is incompatible if B is closed and compared
 *       with B's {@code additionalProperties} schema if it has one; {@code additionalProperties} closed in B but
 *       not in A is incompatible;</li>
 *   <li>local {@code $ref}s ({@code #/definitions/...}, {@code #/$defs/...}, any JSON pointer) followed on both
 *       sides, with a guard against cycles.</li>
 * </ul>
 * Only the rules for the JSON types A allows are applied (a {@code maxLength} does not matter for numbers).
 *
 * <p>The safe side: a keyword the comparison does not reason about ({@code allOf}, {@code anyOf}, {@code oneOf},
 * {@code not}, {@code if}/{@code then}/{@code else}, {@code patternProperties}, {@code propertyNames},
 * {@code dependencies}, tuple {@code items}, {@code prefixItems}, {@code contains}, {@code multipleOf}, ...) is
 * ignored in A, which only makes A look wider, but in B must be unchanged (equal, references compared by target)
 * or is reported as "cannot prove ... compatible". So the check can refuse a compatible change, never accept an
 * incompatible one among those it recognises.
 */
public final class CheckCompatibility {

    private CheckCompatibility() {
    }

    /**
     * What makes {@code candidate} incompatible under {@code mode} with the earlier versions; empty when
     * compatible. {@link Compatibility#NONE}: always empty. Non-transitive modes look only at the latest.
     *
     * <p>Each reason names the place (a JSON pointer into the schema) and the change, from the old schema to the
     * new one, e.g. {@code required property 'customer' added at /properties/customer} or
     * {@code type of /properties/total narrowed from number to integer}. Transitive modes prefix each reason with
     * the version it breaks with, counting the list from 1: {@code version 2: ...}.
     *
     * @param mode      the compatibility the subject requires
     * @param candidate the new schema document
     * @param earlier   the earlier versions' documents, oldest first; the last is the latest
     */
    public static List<String> incompatibilities(Compatibility mode, JsonNode candidate, List<JsonNode> earlier) {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(earlier, "earlier");
        if (mode == Compatibility.NONE || earlier.isEmpty()) {
            return List.of();
        }
        if (!mode.transitive()) {
            return List.copyOf(against(mode, earlier.get(earlier.size() - 1), candidate));
        }
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < earlier.size(); i++) {
            for (String reason : against(mode, earlier.get(i), candidate)) {
                reasons.add("version " + (i + 1) + ": " + reason);
            }
        }
        return List.copyOf(reasons);
    }

    private static Set<String> against(Compatibility mode, JsonNode old, JsonNode candidate) {
        Set<String> reasons = new LinkedHashSet<>();
        if (mode.backward()) {
            reasons.addAll(CompareSchemas.backward(old, candidate));
        }
        if (mode.forward()) {
            reasons.addAll(CompareSchemas.forward(old, candidate));
        }
        return reasons;
    }
}
