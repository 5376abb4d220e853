package io.eventbus.data.match;

import io.eventbus.core.pattern.RuleSet;
import io.eventbus.core.schema.SchemaValidation;

import java.util.ArrayList;
import java.util.List;

/**
 * The compiled, ENABLED rules of one bus: immutable, replaced whole when the bus' configuration changes.
 *
 * @param busId       the bus' row id (a bus deleted and created again under the same name gets a new one)
 * @param fingerprint what the rules were built from, cheap to read again: the periodic resync rebuilds only
 *                    when it differs (the bus row's version is part of it, so a change of its settings counts)
 * @param schemas     what the bus does with schemas at ingest
 * @param archives    the bus' archives: which of them keep an event
 */
public record BusRules(long busId, String bus, String fingerprint, RuleSet<MatchedRule> rules, SchemaPolicy schemas,
                       Archives archives) {

    /**
     * What the bus does with schemas (its settings {@code schemaValidation}, {@code requireSchema} and
     * {@code schemaDiscovery}).
     */
    public record SchemaPolicy(SchemaValidation validation, boolean requireSchema, boolean discovery) {

        public static final SchemaPolicy OFF = new SchemaPolicy(SchemaValidation.OFF, false, false);
    }

    /** A rule and the ids of its targets, in order: one delivery each when the rule matches. */
    public record MatchedRule(long ruleId, String name, List<String> targetIds) {

        @Override
        public String toString() {
            return name;
        }
    }

    public List<MatchedRule> match(String envelope) {
        return rules.matches(envelope);
    }

    /**
     * The archives of a bus, by id: those without a pattern keep every event, the others the events their pattern
     * matches (compiled like rules, in a machine of their own, so a bus without patterned archives pays nothing).
     */
    public record Archives(List<Long> everything, RuleSet<Long> patterned) {

        public static final Archives NONE = new Archives(List.of(), RuleSet.<Long>builder().build());

        /** The ids of the archives that keep this event; empty when none does. */
        public List<Long> keeping(String envelope) {
            if (patterned.size() == 0) {
                return everything;
            }
            List<Long> matched = patterned.matches(envelope);
            if (everything.isEmpty()) {
                return matched;
            }
            List<Long> all = new ArrayList<>(everything);
            all.addAll(matched);
            return all;
        }

        public boolean isEmpty() {
            return everything.isEmpty() && patterned.size() == 0;
        }
    }
}
