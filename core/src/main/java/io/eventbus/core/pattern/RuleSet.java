package io.eventbus.core.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.event.ruler.GenericMachine;
import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.Patterns;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Many rules compiled into one event-ruler machine, so matching an event costs about the same with 1 or 10,000
 * rules. Built once by a {@link Builder} and then only read: matching is thread-safe, and a rebuilt set replaces
 * an old one by reference (build aside, swap).
 *
 * @param <T> what a matching rule is known by (e.g. its id)
 */
public final class RuleSet<T> {

    private static final Logger LOG = LoggerFactory.getLogger(RuleSet.class);

    private final GenericMachine<T> machine;
    private final int size;

    private RuleSet(GenericMachine<T> machine, int size) {
        this.machine = machine;
        this.size = size;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** The rules whose pattern matches {@code event} (an EventBridge envelope), each once. */
    public List<T> matches(JsonNode event) {
        if (size == 0) {
            return List.of();
        }
        return List.copyOf(new LinkedHashSet<>(machine.rulesForJSONEvent(event)));
    }

    /** The rules whose pattern matches {@code eventJson}, the text of an EventBridge envelope, each once. */
    public List<T> matches(String eventJson) {
        if (size == 0) {
            return List.of();
        }
        try {
            return List.copyOf(new LinkedHashSet<>(machine.rulesForJSONEvent(eventJson)));
        } catch (Exception e) {
            throw new IllegalArgumentException("not a JSON event: " + e.getMessage(), e);
        }
    }

    public int size() {
        return size;
    }

    /** Not thread-safe: one thread builds, then hands the {@link RuleSet} over. */
    public static final class Builder<T> {

        private final GenericMachine<T> machine = GenericMachine.<T>builder()
                .withAdditionalNameStateReuse(true).build();
        private int size;

        /**
         * Adds a rule whose pattern was validated when it was stored ({@link EventPattern#parse}); a pattern that
         * no longer compiles is left out and logged, never failing the whole set.
         */
        public Builder<T> add(T rule, String patternJson) {
            try {
                for (Map<String, List<Patterns>> branch : JsonRuleCompiler.compile(patternJson, true)) {
                    machine.addPatternRule(rule, branch);
                }
                size++;
            } catch (IOException | RuntimeException e) {
                LOG.error("rule {} has a pattern that does not compile and is left out: {}", rule, e.getMessage());
            }
            return this;
        }

        public RuleSet<T> build() {
            return new RuleSet<>(machine, size);
        }
    }
}
