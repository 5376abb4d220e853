package io.eventbus.core.pattern;

import java.util.Objects;

import software.amazon.event.ruler.Machine;

/**
 * One EventBridge event pattern, validated as EventBridge validates it: JSON syntax, a JSON object, event-ruler's
 * rule compiler, the length limit and the wildcard complexity limit ({@link PatternLimits}). An instance exists
 * only for a valid pattern.
 *
 * <p>Immutable and thread-safe: the event-ruler machine inside is built once in {@link #parse} and only read after
 * that (event-ruler's matching is safe for concurrent readers), so one instance may be shared and matched from
 * many threads. Equality is by the pattern text.
 */
public final class EventPattern {

    private final String json;
    private final Machine machine;

    private EventPattern(String json, Machine machine) {
        this.json = json;
        this.machine = machine;
    }

    /**
     * Validates and compiles a pattern.
     *
     * @param json   the pattern as the client sent it
     * @param limits the length and complexity limits to apply
     * @return the compiled pattern
     * @throws InvalidEventPattern with AWS's reason and the location of the problem
     */
    public static EventPattern parse(String json, PatternLimits limits) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(limits, "limits");
        return new EventPattern(json, PatternCompiler.compile(json, limits));
    }

    /** {@link #parse(String, PatternLimits)} with {@link PatternLimits#DEFAULTS}. */
    public static EventPattern parse(String json) {
        return parse(json, PatternLimits.DEFAULTS);
    }

    /** The pattern text exactly as given to {@link #parse}: store this, and give it back to clients. */
    public String json() {
        return json;
    }

    /** The compiled pattern, holding this pattern alone; read-only after construction. */
    Machine machine() {
        return machine;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventPattern pattern && json.equals(pattern.json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return json;
    }
}
