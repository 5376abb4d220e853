package io.eventbus.core.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the corpus in {@code src/test/resources/conformance/eventbridge-patterns} (outcomes recorded against AWS EventBridge's
 * TestEventPattern) must give AWS's outcome, and a rejected pattern AWS's reason. A missing corpus fails the
 * build rather than skipping it.
 */
class ConformanceTest {

    private static final int CASE_COUNT = ConformanceCase.CASE_COUNT;
    private static final String AWS_PREFIX = "Event pattern is not valid. Reason: ";

    @Test
    void theCorpusHoldsEveryCase() throws IOException {
        assertThat(ConformanceCase.caseFiles()).hasSize(CASE_COUNT);
    }

    static Stream<Arguments> cases() throws IOException {
        return ConformanceCase.caseFiles().stream().map(file -> Arguments.of(ConformanceCase.corpus().relativize(file).toString(), file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givesTheOutcomeAwsGave(String name, Path file) throws IOException {
        ConformanceCase c = ConformanceCase.read(file);

        Outcome outcome = outcomeOf(c);

        assertThat(outcome.expected).as("%s: %s", name, outcome.detail).isEqualTo(c.expected());
        if ("InvalidEventPatternException".equals(c.awsCode())) {
            assertThat(AWS_PREFIX + outcome.detail).as(name).isEqualTo(c.awsMessage());
        }
    }

    private record Outcome(String expected, String detail) {
    }

    private static Outcome outcomeOf(ConformanceCase c) {
        EventPattern pattern;
        try {
            pattern = EventPattern.parse(c.pattern(), PatternLimits.DEFAULTS);
        } catch (InvalidEventPattern e) {
            return new Outcome("invalid-pattern", e.reason());
        }
        try {
            return TestEventPattern.matches(pattern, c.event())
                    ? new Outcome("match", "matched")
                    : new Outcome("no-match", "did not match");
        } catch (InvalidEvent e) {
            return new Outcome("invalid-event", e.reason());
        }
    }
}
