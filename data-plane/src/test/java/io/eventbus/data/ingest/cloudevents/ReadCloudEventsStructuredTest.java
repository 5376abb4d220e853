package io.eventbus.data.ingest.cloudevents;

import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.contextPart;
import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.dataPart;
import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.event;
import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.headers;
import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.onlyEntry;
import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.structured;
import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.structuredEntry;
import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.tree;
import static io.eventbus.data.ingest.cloudevents.CloudEventsRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;

import io.eventbus.core.problem.ValidationError;
import io.eventbus.data.ingest.Entry;
import io.eventbus.data.ingest.ParsedEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Structured mode: one JSON event in the body; a bad event refuses its entry, a bad body the request. */
class ReadCloudEventsStructuredTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            "data":{"total":120}                                                  | {"total":120}
            "datacontenttype":"application/json","data":{"total":1.0}             | {"total":1.0}
            "datacontenttype":"application/json; charset=utf-8","data":{"a":1}    | {"a":1}
            "datacontenttype":"application/vnd.api+json","data":{"a":1}           | {"a":1}
            "datacontenttype":"text/json","data":{"a":1}                          | {"a":1}
            "data":[1,{"a":2}]                                                    | {"data":[1,{"a":2}]}
            "data":"placed"                                                       | {"data":"placed"}
            "data":3.10                                                           | {"data":3.10}
            "data":true                                                           | {"data":true}
            "data":null                                                           | {}
            "subject":"x"                                                         | {}
            "datacontenttype":"text/plain","data":"hello"                         | {"data_base64":"aGVsbG8=","datacontenttype":"text/plain"}
            "datacontenttype":"text/plain","data":"héllo"                         | {"data_base64":"aMOpbGxv","datacontenttype":"text/plain"}
            "datacontenttype":"application/octet-stream","data_base64":"AAEC/w==" | {"data_base64":"AAEC/w==","datacontenttype":"application/octet-stream"}
            "datacontenttype":"application/json","data_base64":"eyJhIjoxfQ=="     | {"data_base64":"eyJhIjoxfQ==","datacontenttype":"application/json"}
            "data_base64":"aGVsbG8="                                              | {"data_base64":"aGVsbG8="}
            """)
    void mapsEachDataShape(String members, String expectedData) {
        assertThat(dataPart(structuredEntry(event(members)))).isEqualTo(tree(expectedData));
    }

    @Test
    void keepsDatacontenttypeOnlyWhenTheEventHasIt() {
        assertThat(contextPart(structuredEntry(event("\"data\":{\"a\":1}"))).has("datacontenttype")).isFalse();
        assertThat(contextPart(structuredEntry(event("\"datacontenttype\":\"application/json\",\"data\":{}")))
                .get("datacontenttype").asText()).isEqualTo("application/json");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            application/cloudevents+json; charset=utf-8      | UTF-8
            application/cloudevents+json;charset="UTF-8"     | UTF-8
            Application/CloudEvents+JSON                     | UTF-8
            application/cloudevents+json                     | UTF-16
            application/cloudevents+json; charset=utf-16     | UTF-16
            application/cloudevents+json; charset=ISO-8859-1 | ISO-8859-1
            """)
    void readsTheBodyInItsCharset(String contentType, String encoding) {
        byte[] body = event("\"data\":{\"name\":\"café\"}").getBytes(Charset.forName(encoding));

        Entry entry = onlyEntry(ReadCloudEvents.read(contentType, Map.of(), body));

        assertThat(dataPart(entry)).isEqualTo(tree("{\"name\":\"café\"}"));
    }

    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {"specversion", "id", "source", "type"})
    void refusesTheEntryWithoutARequiredAttribute(String attribute) {
        String event = event("\"data\":{}").replaceFirst("\"" + attribute + "\":\"[^\"]*\",?", "");

        assertRefused(structured(event), "required attribute '" + attribute + "' is missing");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `{"specversion":"0.3","id":"1","source":"/s","type":"t"}`             | specversion '0.3' is not supported; Eventbus reads CloudEvents 1.0 (specversion '1.0')
            `{"specversion":"1.0","id":null,"source":"/s","type":"t"}`            | required attribute 'id' is missing
            `{"specversion":"1.0","id":"","source":"/s","type":"t"}`              | attribute 'id' must not be empty
            `{"specversion":"1.0","id":"1","source":"","type":"t"}`               | attribute 'source' must not be empty
            `{"specversion":1.0,"id":"1","source":"/s","type":"t"}`               | attribute 'specversion' must be a string, not a number
            `{"specversion":"1.0","id":5,"source":"/s","type":"t"}`               | attribute 'id' must be a string, not a number
            `{"specversion":"1.0","id":"1","source":"/s","type":["t"]}`           | attribute 'type' must be a string, not a JSON array
            """)
    void refusesTheEntryForAnInvalidRequiredAttribute(String event, String message) {
        assertRefused(structured(event), message);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `"time":"yesterday"`                                 | not a valid CloudEvent: Invalid attribute/extension value for "time": yesterday
            `"subject":5`                                        | not a valid CloudEvent: Wrong type NUMBER for attribute subject, expecting STRING
            `"dataschema":"::"`                                  | not a valid CloudEvent: Invalid attribute/extension value for "dataschema": ::
            `"Bad-Name":"x"`                                     | not a valid CloudEvent: Invalid extensions name: Bad-Name
            `"data":{},"data_base64":"AA=="`                     | an event has data or data_base64, not both
            `"data_base64":"not base64!"`                        | data_base64 is not valid base64 (RFC 4648): Illegal base64 character 20
            `"data_base64":42`                                   | data_base64 must be a string of base64, not a number
            `"ratio":0.5`                                        | attribute 'ratio' must be a string, a boolean or an integer, not 0.5
            `"sequence":4294967296`                              | attribute 'sequence' must be a string, a boolean or an integer, not 4294967296
            `"tags":["a"]`                                       | attribute 'tags' must be a string, a boolean or an integer, not a JSON array
            `"datacontenttype":"text/plain","data":{"a":1}`      | data must be a string when datacontenttype is 'text/plain' (not JSON), not a JSON object; send other bytes in data_base64, or JSON with a JSON datacontenttype
            """)
    void refusesTheEntryForInvalidOptionalAttributesAndData(String members, String message) {
        assertRefused(structured(event(members)), message);
    }

    @Test
    void refusesTheEntryWhenTheTypeIsTooLongForDetailType() {
        String event = event("").replace("com.example.order.placed", "t".repeat(129));

        assertRefused(structured(event), "type is 129 characters long; at most 128 are allowed, as it becomes detailType");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `{"specversion":"1.0",`                            | The body is not valid JSON: Unexpected end-of-input
            `{"specversion":"1.0"} {}`                         | The body is not valid JSON: Trailing token (of type START_OBJECT)
            `{"id":"1","id":"2"}`                              | The body is not valid JSON: Duplicate field 'id'
            `{'id':'1'}`                                       | The body is not valid JSON: Unexpected character (''' (code 39))
            `[]`                                               | A structured CloudEvent (application/cloudevents+json) is a JSON object, not a JSON array
            `"event"`                                          | A structured CloudEvent (application/cloudevents+json) is a JSON object, not a string
            ``                                                 | A structured CloudEvent (application/cloudevents+json) is a JSON object, not an empty body
            """)
    void refusesTheRequestWhenTheBodyIsNotOneJsonObject(String body, String detail) {
        ValidationError e = catchThrowableOfType(ValidationError.class,
                () -> ReadCloudEvents.read(CloudEventsRequests.STRUCTURED, Map.of(), utf8(body == null ? "" : body)));

        assertThat(e.code()).isEqualTo("ValidationError");
        assertThat(e.location()).isEqualTo("body");
        assertThat(e.detail()).startsWith(detail);
    }

    @Test
    void saysWhereInTheBodyTheJsonBreaks() {
        ValidationError e = catchThrowableOfType(ValidationError.class,
                () -> structured("{\n  \"specversion\": \"1.0\",\n  \"id\": 1 2\n}"));

        assertThat(e.detail()).endsWith("(line 3, column 11)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/cloudevents+xml", "application/cloudevents+avro",
            "application/cloudevents-batch+protobuf"})
    void refusesOtherEventFormats(String contentType) {
        ValidationError e = catchThrowableOfType(ValidationError.class,
                () -> ReadCloudEvents.read(contentType, Map.of(), utf8(event(""))));

        assertThat(e.location()).isEqualTo("header: Content-Type");
        assertThat(e.detail()).startsWith("Content-Type " + contentType + " is not supported");
    }

    @Test
    void refusesAnUnknownCharset() {
        ValidationError e = catchThrowableOfType(ValidationError.class,
                () -> ReadCloudEvents.read("application/cloudevents+json; charset=x-nope", Map.of(), utf8(event(""))));

        assertThat(e.location()).isEqualTo("header: Content-Type");
    }

    @Test
    void takesTheAttributesFromTheBodyNotFromCeHeaders() {
        Entry entry = onlyEntry(ReadCloudEvents.read(null, headers("Content-Type", CloudEventsRequests.STRUCTURED,
                "ce-id", "from-header", "ce-source", "/header"), utf8(event(""))));

        assertThat(entry.idempotencyKey()).isEqualTo("ce:/shop/orders#A234-1234-1234");
    }

    static void assertRefused(List<ParsedEntry> entries, String message) {
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.isOk()).isFalse();
            assertThat(e.error().errorCode()).isEqualTo("ValidationError");
            assertThat(e.error().errorMessage()).isEqualTo(message);
        });
    }
}
