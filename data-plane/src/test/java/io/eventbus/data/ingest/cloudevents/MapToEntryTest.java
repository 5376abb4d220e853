package io.eventbus.data.ingest.cloudevents;

import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.batch;
import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.binaryHeaders;
import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.contextPart;
import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.event;
import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.onlyEntry;
import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.structuredEntry;
import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.tree;
import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.eventbus.data.ingest.Entry;
import io.eventbus.data.ingest.ParsedEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mapping rules of docs/cloudevents.md, whatever the mode. */
class MapToEntryTest {

    @Test
    void putsTheDataMembersFirstAndEveryContextAttributeUnderCloudevents() {
        Entry entry = structuredEntry("""
                {"specversion": "1.0", "id": "A1", "source": "https://shop.example.com/orders",
                 "type": "com.example.order.placed", "datacontenttype": "application/json",
                 "dataschema": "https://schemas.example.com/order", "subject": "order/42",
                 "time": "2026-11-26T10:00:00Z", "traceparent": "00-abc-def-01", "sequence": 17,
                 "sampled": true,
                 "data": {"total": 120, "items": [{"sku": "X", "price": 9.90}]}}""");

        assertThat(entry.detail()).isEqualTo("{\"total\":120,\"items\":[{\"sku\":\"X\",\"price\":9.90}],"
                + "\"cloudevents\":{\"specversion\":\"1.0\",\"id\":\"A1\",\"source\":\"https://shop.example.com/orders\","
                + "\"type\":\"com.example.order.placed\",\"datacontenttype\":\"application/json\","
                + "\"dataschema\":\"https://schemas.example.com/order\",\"subject\":\"order/42\","
                + "\"time\":\"2026-11-26T10:00:00Z\",\"sampled\":\"true\",\"sequence\":\"17\","
                + "\"traceparent\":\"00-abc-def-01\"}}");
        assertThat(entry.source()).isEqualTo("https://shop.example.com/orders");
        assertThat(entry.detailType()).isEqualTo("com.example.order.placed");
        assertThat(entry.resources()).containsExactly("order/42");
        assertThat(entry.time()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
    }

    @Test
    void keepsTheRequiredAttributesOnlyWhenThereIsNothingElse() {
        Entry entry = structuredEntry(event(""));

        assertThat(entry.detail()).isEqualTo("{\"cloudevents\":{\"specversion\":\"1.0\",\"id\":\"A234-1234-1234\","
                + "\"source\":\"/shop/orders\",\"type\":\"com.example.order.placed\"}}");
        assertThat(entry.resources()).isEmpty();
        assertThat(entry.time()).as("no time: the ingestion time applies").isNull();
    }

    @Test
    void wrapsDataThatHasItsOwnCloudeventsMemberRatherThanLoseIt() {
        Entry entry = structuredEntry(event("\"data\":{\"cloudevents\":{\"id\":\"inner\"},\"total\":1}"));

        assertThat(tree(entry.detail()).get("data")).isEqualTo(tree("{\"cloudevents\":{\"id\":\"inner\"},\"total\":1}"));
        assertThat(contextPart(entry).get("id").asText()).isEqualTo("A234-1234-1234");
        assertThat(tree(entry.detail()).has("total")).isFalse();
    }

    @Test
    void keepsNumbersExactly() {
        Entry entry = structuredEntry(event("\"data\":{\"a\":1.0,\"b\":12345678901234567890.123456789,"
                + "\"c\":123456789012345678901234567890,\"d\":1e400}"));

        assertThat(entry.detail()).startsWith("{\"a\":1.0,\"b\":12345678901234567890.123456789,"
                + "\"c\":123456789012345678901234567890,\"d\":1E+400,");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-26T10:00:00Z            | 2026-11-26T10:00:00Z  | 2026-11-26T10:00:00Z
            2026-11-26T10:00:00.123+05:30   | 2026-11-26T04:30:00.123Z | 2026-11-26T10:00:00.123+05:30
            2026-11-26T10:00:00-03:30       | 2026-11-26T13:30:00Z  | 2026-11-26T10:00:00-03:30
            """)
    void readsTheTimeWithItsOffset(String sent, String instant, String kept) {
        Entry entry = structuredEntry(event("\"time\":\"" + sent + "\""));

        assertThat(entry.time()).isEqualTo(Instant.parse(instant));
        assertThat(contextPart(entry).get("time").asText()).isEqualTo(kept);
    }

    @ParameterizedTest(name = "({0}, {1}) -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            shop.orders                  | A1     | ce:shop.orders#A1
            /shop/orders                 | 42     | ce:/shop/orders#42
            https://x.example/y#frag     | 1      | ce:https://x.example/y%23frag#1
            /a%20b                       | 1      | ce:/a%2520b#1
            urn:uuid:6e8bc430            | a#b    | ce:urn:uuid:6e8bc430#a#b
            """)
    void keysIdempotencyBySourceAndId(String source, String id, String key) {
        Entry entry = structuredEntry("{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"" + source
                + "\",\"type\":\"t\"}");

        assertThat(entry.idempotencyKey()).isEqualTo(key);
    }

    @Test
    void neverGivesTwoSourceAndIdPairsTheSameKey() {
        assertThat(MapToEntry.idempotencyKey("a#b", "c")).isNotEqualTo(MapToEntry.idempotencyKey("a", "b#c"));
        assertThat(MapToEntry.idempotencyKey("a%23b", "c")).isNotEqualTo(MapToEntry.idempotencyKey("a#b", "c"));
    }

    @Test
    void readsTheSameEventAlikeInBinaryAndStructuredMode() {
        Entry structured = structuredEntry(event("\"datacontenttype\":\"application/json\",\"subject\":\"order/42\","
                + "\"time\":\"2026-11-26T10:00:00Z\",\"traceparent\":\"00-abc-def-01\",\"data\":{\"total\":120}"));
        Entry binary = onlyEntry(ReadCloudEvents.read("application/json", binaryHeaders("ce-subject", "order/42",
                "ce-time", "2026-11-26T10:00:00Z", "ce-traceparent", "00-abc-def-01"), utf8("{\"total\":120}")));

        assertThat(binary).isEqualTo(structured);
    }

    @Test
    void givesTheEntriesOfTheDocumentedBatchExample() {
        List<ParsedEntry> entries = batch("""
                [{"specversion": "1.0", "id": "1", "source": "/shop/orders", "type": "com.example.order.placed",
                  "data": {"total": 120}},
                 {"specversion": "1.0", "id": "2", "source": "/shop/orders", "type": "com.example.order.note",
                  "datacontenttype": "text/plain", "data": "gift wrap"}]""");

        assertThat(tree(entries.get(0).entry().detail())).isEqualTo(tree("""
                {"total": 120, "cloudevents": {"specversion": "1.0", "id": "1", "source": "/shop/orders",
                 "type": "com.example.order.placed"}}"""));
        assertThat(tree(entries.get(1).entry().detail())).isEqualTo(tree("""
                {"data_base64": "Z2lmdCB3cmFw", "datacontenttype": "text/plain",
                 "cloudevents": {"specversion": "1.0", "id": "2", "source": "/shop/orders",
                 "type": "com.example.order.note", "datacontenttype": "text/plain"}}"""));
    }
}
