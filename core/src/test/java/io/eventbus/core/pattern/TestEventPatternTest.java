package io.eventbus.core.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The event checks test-event-pattern makes, and matching one pattern from many threads. */
class TestEventPatternTest {

    private static final EventPattern PATTERN = EventPattern.parse(
            "{\"source\":[\"shop\"],\"detail\":{\"total\":[{\"numeric\":[\">\",100]}]}}");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            plain string                               | The event is not valid JSON: Unrecognized token 'plain'
            ["plain string"]                           | The event must be a JSON object.
            {"testEvent": "value"}                     | The event lacks the envelope field(s) id, account, source, time, region, detail-type.
            {"id":"1","account":"1","source":"s","time":"t","region":"r"} | The event lacks the envelope field(s) detail-type.
            {"id":"1","account":"1","source":"s","time":"t","region":"r","detail-type":"d"} {} | Unexpected content after the end of the event at line 1, column 81.
            """)
    void rejectsAnEventAwsRejects(String event, String detail) {
        InvalidEvent e = catchThrowableOfType(InvalidEvent.class, () -> TestEventPattern.matches(PATTERN, event));

        assertThat(e).isNotNull();
        assertThat(e.reason()).startsWith(detail);
        assertThat(e.getMessage()).startsWith("Parameter Event is not valid.");
    }

    @Test
    void matchesFromManyThreadsAtOnce() throws Exception {
        String matching = event("shop", 150);
        String other = event("shop", 50);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                String event = i % 2 == 0 ? matching : other;
                boolean expected = i % 2 == 0;
                results.add(pool.submit(() -> TestEventPattern.matches(PATTERN, event) == expected));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String event(String source, int total) {
        return """
                {"id":"1","account":"123456789012","source":"%s","time":"2024-01-01T00:00:00Z",
                 "region":"eu-west-1","detail-type":"order","detail":{"total":%d}}""".formatted(source, total);
    }
}
