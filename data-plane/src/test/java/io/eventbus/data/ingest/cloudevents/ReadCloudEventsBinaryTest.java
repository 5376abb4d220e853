package io.eventbus.data.ingest.cloudevents;

import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.binaryHeaders;
import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.contextPart;
import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.dataPart;
import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.headers;
import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.onlyEntry;
import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.tree;
import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.eventbus.core.problem.ValidationError;
import io.eventbus.data.ingest.Entry;
import io.eventbus.data.ingest.ParsedEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Binary mode: ce-* headers are the attributes, Content-Type is datacontenttype, the body is the data. */
class ReadCloudEventsBinaryTest {

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            application/json                  | {"total":120,"items":[1,2]} | {"total":120,"items":[1,2]}
            application/json; charset=utf-8   | {"total":1.0}               | {"total":1.0}
            APPLICATION/JSON                  | {"a":1}                     | {"a":1}
            text/json                         | {"a":1}                     | {"a":1}
            application/vnd.shop.order+json   | {"a":1}                     | {"a":1}
            application/json                  | [1,2]                       | {"data":[1,2]}
            application/json                  | "placed"                    | {"data":"placed"}
            application/json                  | 42                          | {"data":42}
            application/json                  | null                        | {"data":null}
            application/json                  | ``                          | {}
            text/plain                        | hello                       | {"data_base64":"aGVsbG8=","datacontenttype":"text/plain"}
            text/plain; charset=utf-8         | héllo                       | {"data_base64":"aMOpbGxv","datacontenttype":"text/plain; charset=utf-8"}
            application/octet-stream          | hello                       | {"data_base64":"aGVsbG8=","datacontenttype":"application/octet-stream"}
            application/xml                   | <a/>                        | {"data_base64":"PGEvPg==","datacontenttype":"application/xml"}
            ``                                | hello                       | {"data_base64":"aGVsbG8="}
            text/plain                        | ``                          | {}
            """)
    void mapsEachDataShape(String contentType, String body, String expectedData) {
        String type = contentType == null || contentType.isEmpty() ? null : contentType;
        Entry entry = onlyEntry(ReadCloudEvents.read(type, binaryHeaders(), utf8(body == null ? "" : body)));

        assertThat(dataPart(entry)).isEqualTo(tree(expectedData));
        if (type == null) {
            assertThat(contextPart(entry).has("datacontenttype")).isFalse();
        } else {
            assertThat(contextPart(entry).get("datacontenttype").asText()).isEqualTo(type);
        }
    }

    @Test
    void mapsTheAttributes() {
        Entry entry = onlyEntry(ReadCloudEvents.read("application/json", binaryHeaders(
                "ce-time", "2026-11-26T10:00:00.5+01:00", "ce-subject", "order/42",
                "ce-dataschema", "https://schemas.example.com/order", "ce-traceparent",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "ce-partitionkey", "42"),
                utf8("{\"total\":120}")));

        assertThat(entry.source()).isEqualTo("/shop/orders");
        assertThat(entry.detailType()).isEqualTo("com.example.order.placed");
        assertThat(entry.time()).isEqualTo(Instant.parse("2026-11-26T09:00:00.5Z"));
        assertThat(entry.resources()).containsExactly("order/42");
        assertThat(entry.idempotencyKey()).isEqualTo("ce:/shop/orders#A234-1234-1234");
        assertThat(tree(entry.detail())).isEqualTo(tree("""
                {"total": 120, "cloudevents": {"specversion": "1.0", "id": "A234-1234-1234",
                 "source": "/shop/orders", "type": "com.example.order.placed", "datacontenttype": "application/json",
                 "dataschema": "https://schemas.example.com/order", "subject": "order/42",
                 "time": "2026-11-26T10:00:00.5+01:00", "partitionkey": "42",
                 "traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}}"""));
    }

    @Test
    void readsHeaderNamesInAnyCase() {
        Map<String, List<String>> headers = headers("CE-SpecVersion", "1.0", "Ce-Id", "1", "CE-SOURCE", "/s",
                "ce-Type", "t", "CE-TraceParent", "x", "CONTENT-TYPE", "application/json");

        Entry entry = onlyEntry(ReadCloudEvents.read(null, headers, utf8("{\"a\":1}")));

        assertThat(entry.source()).isEqualTo("/s");
        assertThat(dataPart(entry)).isEqualTo(tree("{\"a\":1}"));
        assertThat(contextPart(entry).get("traceparent").asText()).isEqualTo("x");
        assertThat(contextPart(entry).get("datacontenttype").asText()).isEqualTo("application/json");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            caf%C3%A9 order       | café order
            a%20b%25c             | a b%c
            50%off                | 50%off
            100%                  | 100%
            %FF                   | %FF
            plain                 | plain
            """)
    void percentDecodesHeaderValues(String sent, String read) {
        Entry entry = onlyEntry(ReadCloudEvents.read(null, binaryHeaders("ce-subject", sent), new byte[0]));

        assertThat(entry.resources()).containsExactly(read);
    }

    @ParameterizedTest(name = "without ce-{0}")
    @ValueSource(strings = {"specversion", "id", "source", "type"})
    void refusesTheRequestWithoutARequiredHeader(String attribute) {
        Map<String, List<String>> headers = binaryHeaders();
        headers.remove("ce-" + attribute);

        ValidationError e = refused(headers, "{}");

        assertThat(e.location()).isEqualTo("header: ce-" + attribute);
        assertThat(e.detail()).contains("ce-" + attribute);
    }

    @ParameterizedTest(name = "empty ce-{0}")
    @ValueSource(strings = {"id", "source", "type"})
    void refusesAnEmptyRequiredHeader(String attribute) {
        Map<String, List<String>> headers = binaryHeaders();
        headers.put("ce-" + attribute, List.of(""));

        ValidationError e = refused(headers, "{}");

        assertThat(e.location()).isEqualTo("header: ce-" + attribute);
        assertThat(e.detail()).isEqualTo("attribute '" + attribute + "' must not be empty (header ce-" + attribute + ")");
    }

    @ParameterizedTest(name = "specversion {0}")
    @ValueSource(strings = {"0.3", "2.0", "1", ""})
    void refusesAnotherSpecVersion(String version) {
        Map<String, List<String>> headers = binaryHeaders();
        headers.put("ce-specversion", List.of(version));

        ValidationError e = refused(headers, "{}");

        assertThat(e.location()).isEqualTo("header: ce-specversion");
        assertThat(e.detail()).contains("specversion '" + version + "' is not supported");
    }

    @Test
    void refusesARequestWithoutCloudEventsHeaders() {
        ValidationError e = refused(headers("Authorization", "Bearer x"), "{}");

        assertThat(e.location()).isEqualTo("header: ce-specversion");
        assertThat(e.detail()).startsWith("Not a CloudEvent").contains("application/cloudevents+json");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ce-time       | yesterday   | time
            ce-source     | a b         | source
            ce-dataschema | ::          | dataschema
            ce-bad_name   | x           | bad_name
            """)
    void refusesInvalidAttributesNamingTheHeader(String header, String value, String named) {
        Map<String, List<String>> headers = binaryHeaders();
        headers.put(header, List.of(value));

        ValidationError e = refused(headers, "{}");

        assertThat(e.location()).isEqualTo("header: " + header);
        assertThat(e.detail()).startsWith("Not a valid CloudEvent").contains(named);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"a\":", "{\"a\":1} trailing", "{\"a\":1,\"a\":2}", "not json"})
    void refusesAJsonBodyThatIsNotJson(String body) {
        ValidationError e = refused(binaryHeaders(), body);

        assertThat(e.location()).isEqualTo("body");
        assertThat(e.detail()).startsWith("The body is not valid JSON").contains("line 1");
    }

    @Test
    void readsAJsonBodyInTheDeclaredCharset() {
        Entry entry = onlyEntry(ReadCloudEvents.read("application/json; charset=UTF-16", binaryHeaders(),
                "{\"name\":\"café\"}".getBytes(StandardCharsets.UTF_16)));

        assertThat(dataPart(entry)).isEqualTo(tree("{\"name\":\"café\"}"));
    }

    @Test
    void refusesAnUnknownCharset() {
        ValidationError e = catchThrowableOfType(ValidationError.class,
                () -> ReadCloudEvents.read("application/json; charset=klingon", binaryHeaders(), utf8("{}")));

        assertThat(e.location()).isEqualTo("header: Content-Type");
        assertThat(e.detail()).contains("klingon");
    }

    @Test
    void refusesAHeaderSentTwiceWithDifferentValues() {
        ValidationError e = refused(binaryHeaders("CE-ID", "other"), "{}");

        assertThat(e.location()).isEqualTo("header: ce-id");
        assertThat(e.detail()).contains("twice");
    }

    @Test
    void acceptsAHeaderRepeatedWithTheSameValue() {
        Entry entry = onlyEntry(ReadCloudEvents.read("application/json", binaryHeaders("CE-ID", "A234-1234-1234"),
                utf8("{}")));

        assertThat(entry.idempotencyKey()).isEqualTo("ce:/shop/orders#A234-1234-1234");
    }

    @Test
    void refusesTheEntryNotTheRequestWhenTheTypeIsTooLongForDetailType() {
        Map<String, List<String>> headers = binaryHeaders();
        headers.put("ce-type", List.of("t".repeat(129)));

        List<ParsedEntry> entries = ReadCloudEvents.read("application/json", headers, utf8("{}"));

        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.isOk()).isFalse();
            assertThat(e.error().errorCode()).isEqualTo("ValidationError");
            assertThat(e.error().errorMessage()).isEqualTo(
                    "type is 129 characters long; at most 128 are allowed, as it becomes detailType");
        });
        headers.put("ce-type", List.of("t".repeat(128)));
        assertThat(onlyEntry(ReadCloudEvents.read("application/json", headers, utf8("{}"))).detailType())
                .hasSize(128);
    }

    private static ValidationError refused(Map<String, List<String>> headers, String body) {
        ValidationError e = catchThrowableOfType(ValidationError.class,
                () -> ReadCloudEvents.read("application/json", headers, utf8(body)));
        assertThat(e).as("ValidationError").isNotNull();
        assertThat(e.code()).isEqualTo("ValidationError");
        return e;
    }
}
