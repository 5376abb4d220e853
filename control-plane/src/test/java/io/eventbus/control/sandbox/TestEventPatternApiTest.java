package io.eventbus.control.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.control.support.AdminApi.Reply;
import io.eventbus.control.support.ControlPlaneTest;
import io.eventbus.core.pattern.ConformanceCase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The AWS-recorded corpus through {@code POST /v1/test-event-pattern}, as a client would send it. */
@MicronautTest
class TestEventPatternApiTest extends ControlPlaneTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> cases() throws IOException {
        return ConformanceCase.caseFiles().stream()
                .map(file -> Arguments.of(ConformanceCase.corpus().relativize(file).toString(), file));
    }

    @Test
    void theCorpusHoldsEveryCase() throws IOException {
        assertThat(ConformanceCase.caseFiles()).hasSize(ConformanceCase.CASE_COUNT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersWhatAwsAnswered(String name, Path file) throws IOException {
        ConformanceCase c = ConformanceCase.read(file);
        // Sent as strings holding the JSON, so duplicate keys and number spellings reach the engine as written.
        String body = JSON.writeValueAsString(Map.of("eventPattern", c.pattern(), "event", c.event()));

        Reply reply = api.post("/v1/test-event-pattern", body);

        switch (c.expected()) {
            case "match" -> assertThat(reply.json().path("result").asBoolean()).as(reply.toString()).isTrue();
            case "no-match" -> {
                assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
                assertThat(reply.json().path("result").asBoolean()).isFalse();
            }
            case "invalid-pattern" -> {
                assertThat(reply.problemCode(400)).isEqualTo("InvalidEventPattern");
                assertThat(reply.json().path("detail").asText()).startsWith(c.awsMessage());
            }
            case "invalid-event" -> assertThat(reply.problemCode(400)).isEqualTo("InvalidEvent");
            default -> throw new AssertionError("unknown expectation " + c.expected());
        }
    }

    @Test
    void takesPatternAndEventAsObjectsToo() {
        Reply reply = api.post("/v1/test-event-pattern", """
                {"eventPattern": {"source": ["shop.orders"], "detail": {"total": [{"numeric": [">", 100]}]}},
                 "event": {"id": "1", "account": "1", "source": "shop.orders", "time": "2026-11-26T10:00:00Z",
                           "region": "local", "detail-type": "Order Placed", "detail": {"total": 120.5}}}""");

        assertThat(reply.json().path("result").asBoolean()).as(reply.toString()).isTrue();
    }

    @Test
    void anInvalidPatternSaysWhereTheProblemIs() {
        Reply reply = api.post("/v1/test-event-pattern", """
                {"eventPattern": {"detail": {"total": [{"numeric": [">", "a lot"]}]}},
                 "event": {"id": "1", "account": "1", "source": "s", "time": "2026-11-26T10:00:00Z",
                           "region": "local", "detail-type": "t"}}""");

        assertThat(reply.problemCode(400)).isEqualTo("InvalidEventPattern");
        assertThat(reply.json().path("location").asText()).isEqualTo("detail.total");
        assertThat(reply.json().path("detail").asText()).contains("Value of > must be numeric");
    }
}
