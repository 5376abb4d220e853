package io.eventbus.core.pattern;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;

import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.Machine;
import software.amazon.event.ruler.MachineComplexityEvaluator;
import software.amazon.event.ruler.Patterns;

/**
 * Turns pattern text into an event-ruler machine, or an {@link InvalidEventPattern}, in the order EventBridge
 * checks: length, JSON syntax, rule compilation, wildcard complexity. Stateless and thread-safe.
 */
final class PatternCompiler {

    /** The name of the one rule each pattern's machine holds. */
    static final String RULE = "pattern";

    static final String TOO_COMPLEX = "Rule is too complex - try using fewer wildcard characters or fewer"
            + " repeating character sequences after a wildcard character";

    /** Like event-ruler's own factory, so Jackson's messages read as AWS's do. */
    static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private PatternCompiler() {
    }

    static Machine compile(String json, PatternLimits limits) {
        if (json.length() > limits.maxLength()) {
            throw new InvalidEventPattern("Event pattern is " + json.length() + " characters long; the maximum is "
                    + limits.maxLength(), InvalidEventPattern.WHOLE_PATTERN);
        }
        requireWellFormed(json);
        Machine machine = build(json);
        if (isTooComplex(machine, limits)) {
            throw new InvalidEventPattern(TOO_COMPLEX,
                    ProblemLocation.firstFailingLeaf(json, leaf -> leafIsTooComplex(leaf, limits)));
        }
        return machine;
    }

    /** Syntax first, so that a syntax error is reported with its line and column rather than a field path. */
    private static void requireWellFormed(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() == null) {
                return; // nothing at all: event-ruler says "Filter is not an object", as AWS does
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new InvalidEventPattern("Unexpected content after the end of the pattern",
                        lineAndColumn(parser.currentTokenLocation()));
            }
        } catch (JsonProcessingException e) {
            throw new InvalidEventPattern(reasonOf(e.getOriginalMessage()), lineAndColumn(e.getLocation()));
        } catch (IOException e) {
            throw new IllegalStateException("Reading a String cannot fail", e);
        }
    }

    private static Machine build(String json) {
        try {
            return fill(Machine.builder().build(), json);
        } catch (JsonParseException e) {
            // event-ruler reports most problems this way, with its parser standing where the problem is.
            throw new InvalidEventPattern(reasonOf(e.getOriginalMessage()), ProblemLocation.ofParser(e));
        } catch (IOException | IllegalArgumentException e) {
            // Bad CIDRs and numbers come without a parser: try the value lists one by one.
            throw new InvalidEventPattern(reasonOf(e.getMessage()),
                    ProblemLocation.firstFailingLeaf(json, leaf -> !compiles(leaf)));
        } catch (RuntimeException e) {
            if (e.getClass() != RuntimeException.class) {
                throw e; // a defect, not a property of the pattern
            }
            // event-ruler's only bare RuntimeException: more than 256 fields in one rule.
            throw new InvalidEventPattern(reasonOf(e.getMessage()), InvalidEventPattern.WHOLE_PATTERN);
        }
    }

    /**
     * Compiles with duplicate keys resolved last-wins (AWS matched {@code extra/multi_key_duplicate_key.json} that
     * way), and without {@code Machine.addRule(String)}'s silent fallback to event-ruler's older compiler.
     */
    private static Machine fill(Machine machine, String json) throws IOException {
        for (Map<String, List<Patterns>> branch : JsonRuleCompiler.compile(json, true)) {
            machine.addPatternRule(RULE, branch);
        }
        return machine;
    }

    private static boolean compiles(String json) {
        try {
            fill(Machine.builder().build(), json);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isTooComplex(Machine machine, PatternLimits limits) {
        // The evaluator stops counting at its cap, so cap one above the limit to see it exceeded.
        int cap = limits.maxComplexity() + 1;
        return machine.evaluateComplexity(new MachineComplexityEvaluator(cap)) > limits.maxComplexity();
    }

    private static boolean leafIsTooComplex(String leaf, PatternLimits limits) {
        try {
            return isTooComplex(fill(Machine.builder().build(), leaf), limits);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Drops the "at [Source: ...]" tail that nested event-ruler messages carry; AWS's reasons end before it. */
    static String reasonOf(String message) {
        if (message == null || message.isBlank()) {
            return "Event pattern could not be compiled";
        }
        int tail = message.indexOf("\n at [");
        return tail < 0 ? message : message.substring(0, tail);
    }

    static String lineAndColumn(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return InvalidEventPattern.WHOLE_PATTERN;
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
