package io.eventbus.data.ingest.cloudevents;

import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.batch;
import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.dataPart;
import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.tree;
import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.eventbus.core.problem.ValidationError;
import io.eventbus.data.ingest.ParsedEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Batch mode: a JSON array of structured events, one entry each in order; a bad event refuses only itself. */
class ReadCloudEventsBatchTest {

    private static String event(String id, String extra) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/shop/orders\",\"type\":\"order.placed\""
                + extra + "}";
    }

    @Test
    void readsAnEmptyBatchAsNoEntries() {
        assertThat(batch("[]")).isEmpty();
        assertThat(batch(" [ ] ")).isEmpty();
    }

    @Test
    void refusesOnlyTheBadEventsAndKeepsTheOthersInOrder() {
        List<ParsedEntry> entries = batch("[" + String.join(",",
                event("1", ",\"data\":{\"n\":1}"),
                "{\"specversion\":\"1.0\",\"source\":\"/shop/orders\",\"type\":\"order.placed\"}",
                event("3", ",\"data\":{\"n\":3}"),
                "42",
                event("5", ",\"time\":\"not a time\""),
                event("6", ",\"data\":[6]")) + "]");

        assertThat(entries).hasSize(6);
        assertThat(entries).extracting(ParsedEntry::isOk).containsExactly(true, false, true, false, false, true);
        assertThat(dataPart(entries.get(0).entry())).isEqualTo(tree("{\"n\":1}"));
        assertThat(entries.get(1).error().errorMessage()).isEqualTo("event [1]: required attribute 'id' is missing");
        assertThat(dataPart(entries.get(2).entry())).isEqualTo(tree("{\"n\":3}"));
        assertThat(entries.get(3).error().errorMessage()).isEqualTo("event [3]: an event is a JSON object, not a number");
        assertThat(entries.get(4).error().errorMessage()).startsWith("event [4]: not a valid CloudEvent:")
                .contains("\"time\"");
        assertThat(dataPart(entries.get(5).entry())).isEqualTo(tree("{\"data\":[6]}"));
        assertThat(entries).filteredOn(e -> !e.isOk()).allSatisfy(e ->
                assertThat(e.error().errorCode()).isEqualTo("ValidationError"));
    }

    @Test
    void namesTheIndexOfEachRefusal() {
        List<ParsedEntry> entries = batch("[" + event("1", ",\"specversion\":\"0.3\"").replaceFirst(
                "\"specversion\":\"1.0\",", "") + "," + event("2", "").replace("order.placed", "t".repeat(200)) + "]");

        assertThat(entries).extracting(e -> e.error().errorMessage()).containsExactly(
                "event [0]: specversion '0.3' is not supported; Eventbus reads CloudEvents 1.0 (specversion '1.0')",
                "event [1]: type is 200 characters long; at most 128 are allowed, as it becomes detailType");
    }

    @Test
    void givesARetriedEventTheSameIdempotencyKey() {
        List<ParsedEntry> entries = batch("[" + event("7", "") + "," + event("7", ",\"data\":{\"retry\":true}") + "]");

        assertThat(entries).extracting(e -> e.entry().idempotencyKey())
                .containsExactly("ce:/shop/orders#7", "ce:/shop/orders#7");
    }

    @Test
    void readsTheBatchInItsCharset() {
        byte[] body = ("[" + event("1", ",\"data\":{\"name\":\"café\"}") + "]").getBytes(StandardCharsets.ISO_8859_1);

        List<ParsedEntry> entries = ReadCloudEvents.read(CloudEventsRequests.BATCH + "; charset=iso-8859-1",
                Map.of(), body);

        assertThat(dataPart(entries.get(0).entry())).isEqualTo(tree("{\"name\":\"café\"}"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `{"specversion":"1.0","id":"1","source":"/s","type":"t"}` | A CloudEvents batch (application/cloudevents-batch+json) is a JSON array of events, not a JSON object
            `"[]"`                                                    | A CloudEvents batch (application/cloudevents-batch+json) is a JSON array of events, not a string
            ``                                                        | A CloudEvents batch (application/cloudevents-batch+json) is a JSON array of events, not an empty body
            `[{"id":"1"},`                                            | The body is not valid JSON
            `[] []`                                                   | The body is not valid JSON
            """)
    void refusesTheRequestWhenTheBodyIsNotAJsonArray(String body, String detail) {
        ValidationError e = catchThrowableOfType(ValidationError.class,
                () -> ReadCloudEvents.read(CloudEventsRequests.BATCH, Map.of(), utf8(body == null ? "" : body)));

        assertThat(e.code()).isEqualTo("ValidationError");
        assertThat(e.location()).isEqualTo("body");
        assertThat(e.detail()).startsWith(detail);
    }
}
