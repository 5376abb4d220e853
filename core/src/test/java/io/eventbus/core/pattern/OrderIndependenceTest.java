package io.eventbus.core.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of matching: the order of an event's fields, and the order of the values in a pattern's value lists,
 * do not change whether the event matches. Events and patterns are drawn from a few field names and values so that
 * both outcomes are common (checked with coverage statistics, so these properties cannot pass vacuously).
 */
class OrderIndependenceTest {

    private static final List<String> FIELDS = List.of("colour", "size", "count", "tags");
    private static final List<String> VALUES = List.of("\"red\"", "\"blue\"", "\"reed\"", "1", "2.5", "10", "true",
            "null");
    private static final List<String> CONDITIONS = List.of("\"red\"", "\"blue\"", "1", "2.5", "true", "null",
            "{\"prefix\":\"re\"}", "{\"suffix\":\"d\"}", "{\"anything-but\":\"blue\"}", "{\"numeric\":[\">\",2]}",
            "{\"exists\":true}", "{\"exists\":false}", "{\"equals-ignore-case\":\"RED\"}", "{\"wildcard\":\"r*d\"}");
    private static final List<String> ENVELOPE = List.of("\"id\":\"1\"", "\"account\":\"123456789012\"",
            "\"source\":\"shop\"", "\"time\":\"2024-01-01T00:00:00Z\"", "\"region\":\"eu-west-1\"",
            "\"detail-type\":\"order\"");

    @Property
    boolean fieldOrderDoesNotChangeTheResult(@ForAll("details") Map<String, String> detail,
                                             @ForAll("patterns") Map<String, List<String>> pattern,
                                             @ForAll Random random) {
        EventPattern compiled = EventPattern.parse(patternJson(pattern, null));
        List<String> detailFields = fields(detail);

        boolean inOrder = TestEventPattern.matches(compiled, eventJson(detailFields, null));
        boolean shuffled = TestEventPattern.matches(compiled, eventJson(detailFields, random));

        collect(inOrder);
        return inOrder == shuffled;
    }

    @Property
    boolean valueOrderDoesNotChangeTheResult(@ForAll("details") Map<String, String> detail,
                                             @ForAll("patterns") Map<String, List<String>> pattern,
                                             @ForAll Random random) {
        String event = eventJson(fields(detail), null);

        boolean inOrder = TestEventPattern.matches(EventPattern.parse(patternJson(pattern, null)), event);
        boolean shuffled = TestEventPattern.matches(EventPattern.parse(patternJson(pattern, random)), event);

        collect(inOrder);
        return inOrder == shuffled;
    }

    @Provide
    Arbitrary<Map<String, String>> details() {
        Arbitrary<String> scalar = Arbitraries.of(VALUES);
        Arbitrary<String> array = scalar.list().ofMinSize(1).ofMaxSize(3).map(vs -> "[" + String.join(",", vs) + "]");
        return Arbitraries.maps(Arbitraries.of(FIELDS), Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, scalar), net.jqwik.api.Tuple.of(1, array))).ofMaxSize(FIELDS.size());
    }

    @Provide
    Arbitrary<Map<String, List<String>>> patterns() {
        Arbitrary<List<String>> conditions = Arbitraries.of(CONDITIONS).list().uniqueElements()
                .ofMinSize(1).ofMaxSize(4);
        return Arbitraries.maps(Arbitraries.of(FIELDS), conditions).ofMinSize(1).ofMaxSize(3);
    }

    /** Both outcomes must be common, or the property would hold for a matcher that always says the same. */
    private static void collect(boolean matched) {
        Statistics.label("matched").collect(matched).coverage(coverage -> {
            coverage.check(true).percentage(p -> p >= 10);
            coverage.check(false).percentage(p -> p >= 10);
        });
    }

    private static List<String> fields(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.toCollection(ArrayList::new));
    }

    /** The event with its envelope and detail fields in the given order, or shuffled when {@code random} is set. */
    private static String eventJson(List<String> detailFields, Random random) {
        List<String> detail = new ArrayList<>(detailFields);
        List<String> top = new ArrayList<>(ENVELOPE);
        if (random != null) {
            Collections.shuffle(detail, random);
        }
        top.add("\"detail\":{" + String.join(",", detail) + "}");
        if (random != null) {
            Collections.shuffle(top, random);
        }
        return "{" + String.join(",", top) + "}";
    }

    /** The pattern {@code {"detail": {...}}}, each value list shuffled when {@code random} is set. */
    private static String patternJson(Map<String, List<String>> conditions, Random random) {
        List<String> fields = new ArrayList<>();
        conditions.forEach((field, values) -> {
            List<String> list = new ArrayList<>(values);
            if (random != null) {
                Collections.shuffle(list, random);
            }
            fields.add("\"" + field + "\":[" + String.join(",", list) + "]");
        });
        return "{\"detail\":{" + String.join(",", fields) + "}}";
    }
}
