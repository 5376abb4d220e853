package io.eventbus.core.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where a rejected pattern's problem is reported, and the length and complexity limits. */
class InvalidEventPatternTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"detail":{"total":[{"numeric":[">","x"]}]}}                    | detail.total          | Value of > must be numeric
            {"source":["a"],"detail":{"total":[{"numeric":["<",1,">",2]}]}} | detail.total          | Too many elements in numeric expression
            {"detail":{"ip":[{"cidr":"10.0.0.0/xx"}]}}                      | detail.ip             | Malformed CIDR, mask bits must be an integer
            {"a":["x"],"b":{"c":[1],"ip":[{"cidr":"10.0.0.1"}]}}           | b.ip                  | Malformed CIDR, one '/' required
            {"detail":{"state":"running"}}                                  | detail.state          | "state" must be an object or an array
            {"detail":{}}                                                   | detail                | Empty objects are not allowed
            {"detail":{"a":[]}}                                             | detail.a              | Empty arrays are not allowed
            {"source":["a"],"$or":[{"a":[1]},{"b":[{"prefix":5}]}]}         | $or[1].b              | prefix match pattern must be a string
            {"detail":{"$or":[{"a":[1]}]}}                                  | detail.$or            | There must have at least 2 Objects in $or relationship.
            {"detail":{"s":[{"anything-but":["a",null]}]}}                  | detail.s              | `Inside anything but list, start|null|boolean is not supported.`
            []                                                              | $                     | Filter is not an object
            "x"                                                             | $                     | Filter is not an object
            {}                                                              | $                     | Empty objects are not allowed
            ``                                                              | $                     | Filter is not an object
            {'bad': 'quotation'}                                            | line 1, column 2      | Unexpected character (''' (code 39)): was expecting double-quote to start field name
            {"a":[1]} {"b":[2]}                                             | line 1, column 11     | Unexpected content after the end of the pattern
            """)
    void locatesTheProblem(String pattern, String location, String reason) {
        InvalidEventPattern e = rejected(pattern, PatternLimits.DEFAULTS);

        assertThat(e.location()).isEqualTo(location);
        assertThat(e.reason()).isEqualTo(reason);
    }

    @Test
    void locatesASyntaxErrorByLineAndColumn() {
        InvalidEventPattern e = rejected("""
                {
                  "source": ["a"],
                  "detail": {"n": [1,]}
                }""", PatternLimits.DEFAULTS);

        assertThat(e.location()).isEqualTo("line 3, column 22");
        assertThat(e.reason()).startsWith("Unexpected character (']' (code 93))");
    }

    @Test
    void saysReasonAndLocationInTheMessage() {
        InvalidEventPattern e = rejected("{\"detail\":{\"total\":[{\"numeric\":[\">\",\"x\"]}]}}",
                PatternLimits.DEFAULTS);

        assertThat(e.getMessage())
                .isEqualTo("Event pattern is not valid. Reason: Value of > must be numeric (at detail.total)");
    }

    @Test
    void acceptsAPatternOfExactlyTheMaximumLengthAndRejectsOneCharacterMore() {
        String pattern = padded("{\"source\":[\"a\"]}", 4096);

        assertThatCode(() -> EventPattern.parse(pattern, PatternLimits.DEFAULTS)).doesNotThrowAnyException();
        InvalidEventPattern e = rejected(pattern + " ", PatternLimits.DEFAULTS);
        assertThat(e.location()).isEqualTo("$");
        assertThat(e.reason()).isEqualTo("Event pattern is 4097 characters long; the maximum is 4096");
    }

    @Test
    void appliesAConfiguredMaximumLength() {
        assertThat(rejected(padded("{\"source\":[\"a\"]}", 101), new PatternLimits(100, 10)).reason())
                .isEqualTo("Event pattern is 101 characters long; the maximum is 100");
    }

    @Test
    void rejectsATooComplexWildcardAtItsField() {
        String pattern = "{\"source\":[\"x\"],\"detail\":{\"arn\":[{\"wildcard\":\"*:*:*:*:*:event-bus/*\"}]}}";

        InvalidEventPattern e = rejected(pattern, PatternLimits.DEFAULTS);

        assertThat(e.location()).isEqualTo("detail.arn");
        assertThat(e.reason()).isEqualTo("Rule is too complex - try using fewer wildcard characters or fewer"
                + " repeating character sequences after a wildcard character");
    }

    @Test
    void theComplexityLimitIsInclusive() {
        // "*:*:*:*:*:event-bus/*" has complexity 11: accepted at 11, rejected at 10.
        String pattern = "{\"arn\":[{\"wildcard\":\"*:*:*:*:*:event-bus/*\"}]}";

        assertThatCode(() -> EventPattern.parse(pattern, new PatternLimits(4096, 11))).doesNotThrowAnyException();
        assertThat(rejected(pattern, new PatternLimits(4096, 10)).location()).isEqualTo("arn");
    }

    @Test
    void rejectsMoreThan256FieldsForThePatternAsAWhole() {
        String fields = IntStream.range(0, 257).mapToObj(i -> "\"f" + i + "\":[1]").collect(Collectors.joining(","));

        InvalidEventPattern e = rejected("{" + fields + "}", PatternLimits.DEFAULTS);

        assertThat(e.location()).isEqualTo("$");
        assertThat(e.reason()).contains("exceeds max value of 256");
    }

    @Test
    void keepsThePatternTextAsGiven() {
        String text = "{ \"detail\" : { \"n\" : [ 5e3, 1.0 ] } }";

        assertThat(EventPattern.parse(text).json()).isEqualTo(text);
    }

    private static InvalidEventPattern rejected(String pattern, PatternLimits limits) {
        InvalidEventPattern e = catchThrowableOfType(InvalidEventPattern.class,
                () -> EventPattern.parse(pattern, limits));
        assertThat(e).as("%s is rejected", pattern).isNotNull();
        return e;
    }

    private static String padded(String pattern, int length) {
        return pattern + " ".repeat(length - pattern.length());
    }
}
