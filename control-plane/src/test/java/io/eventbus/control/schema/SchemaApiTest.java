package io.eventbus.control.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.control.support.AdminApi.Reply;
import io.eventbus.control.support.ControlPlaneTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class SchemaApiTest extends ControlPlaneTest {

    private static final String ORDER_V1 = """
            {"$schema": "http://json-schema.org/draft-04/schema#", "type": "object",
             "properties": {"orderId": {"type": "string"}, "total": {"type": "number"},
                            "customer": {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]}},
             "required": ["orderId"]}""";

    /**
     * v1 with total widened to a number or a string: what BACKWARD allows (an optional property added to this open
     * content model would not be: old data may carry it with any value).
     */
    private static final String ORDER_V2 = """
            {"$schema": "http://json-schema.org/draft-04/schema#", "type": "object",
             "properties": {"orderId": {"type": "string"}, "total": {"type": ["number", "string"]},
                            "customer": {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]}},
             "required": ["orderId"]}""";

    /** v2 with customer made required: events valid under v2 may lack it, so not BACKWARD. */
    private static final String ORDER_V3_BREAKING = """
            {"$schema": "http://json-schema.org/draft-04/schema#", "type": "object",
             "properties": {"orderId": {"type": "string"}, "total": {"type": ["number", "string"]},
                            "customer": {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]}},
             "required": ["orderId", "customer"]}""";

    private static String put(String content, String compatibility) {
        return "{\"format\": \"JSONSchemaDraft4\", \"compatibility\": \"" + compatibility + "\", \"content\": "
                + content + "}";
    }

    @Test
    void registersVersionsAndAnswersTheSameContentWithTheVersionThatHasIt() {
        Reply first = api.put("/v1/schemas/shop.orders@OrderPlaced", put(ORDER_V1, "BACKWARD"));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().path("version").asInt()).isEqualTo(1);
        assertThat(first.json().path("created").asBoolean()).isTrue();
        assertThat(first.header("Location")).isEqualTo("/v1/schemas/shop.orders@OrderPlaced/versions/1");
        assertThat(first.header("ETag")).isNotBlank();

        // the same document with its keys in another order, sent as a string: no new version
        String reordered = "{\"required\": [\"orderId\"], \"type\": \"object\", \"$schema\": "
                + "\"http://json-schema.org/draft-04/schema#\", \"properties\": {\"total\": {\"type\": \"number\"},"
                + " \"orderId\": {\"type\": \"string\"}, \"customer\": {\"required\": [\"id\"], \"type\": \"object\","
                + " \"properties\": {\"id\": {\"type\": \"string\"}}}}}";
        Reply again = api.put("/v1/schemas/shop.orders@OrderPlaced", "{\"compatibility\": \"BACKWARD\", \"content\": "
                + JsonQuote.of(reordered) + "}");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().path("version").asInt()).isEqualTo(1);
        assertThat(again.json().path("created").asBoolean()).isFalse();

        Reply second = api.put("/v1/schemas/shop.orders@OrderPlaced", put(ORDER_V2, "BACKWARD"));
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(second.json().path("version").asInt()).isEqualTo(2);

        JsonNode detail = api.get("/v1/schemas/shop.orders@OrderPlaced").json();
        assertThat(detail.path("latestVersion").asInt()).isEqualTo(2);
        assertThat(detail.path("format").asText()).isEqualTo("JSONSchemaDraft4");
        assertThat(detail.path("compatibility").asText()).isEqualTo("BACKWARD");
        assertThat(detail.path("discovered").asBoolean()).isFalse();
        assertThat(detail.path("versions")).hasSize(2);
        assertThat(detail.path("content").path("properties").path("total").path("type").isArray()).isTrue();

        JsonNode v1 = api.get("/v1/schemas/shop.orders@OrderPlaced/versions/1").json();
        assertThat(v1.path("version").asInt()).isEqualTo(1);
        assertThat(v1.path("content").path("properties").path("total").path("type").asText()).isEqualTo("number");
        assertThat(api.get("/v1/schemas/shop.orders@OrderPlaced/versions/latest").json().path("version").asInt())
                .isEqualTo(2);

        assertThat(api.get("/v1/schemas").json().path("schemas").findValuesAsText("name"))
                .contains("shop.orders@OrderPlaced");
        assertThat(api.get("/v1/audit-log").body()).contains("schema.version").contains("schemas/shop.orders@OrderPlaced");
    }

    @Test
    void refusesAVersionThatBreaksTheCompatibilitySettingAndSaysWhy() {
        api.put("/v1/schemas/shop.refunds@RefundIssued", put(ORDER_V2, "BACKWARD"));

        Reply refused = api.put("/v1/schemas/shop.refunds@RefundIssued", put(ORDER_V3_BREAKING, "BACKWARD"));

        assertThat(refused.problemCode(409)).isEqualTo("IncompatibleSchema");
        assertThat(refused.json().path("detail").asText()).contains("required property 'customer' added");
        assertThat(api.get("/v1/schemas/shop.refunds@RefundIssued").json().path("latestVersion").asInt()).isEqualTo(1);

        // NONE takes any new version
        Reply none = api.put("/v1/schemas/shop.refunds@RefundIssued", put(ORDER_V3_BREAKING, "NONE"));
        assertThat(none.status()).as(none.body()).isEqualTo(201);
        assertThat(none.json().path("version").asInt()).isEqualTo(2);
        assertThat(api.get("/v1/schemas/shop.refunds@RefundIssued").json().path("compatibility").asText())
                .isEqualTo("NONE");
    }

    @Test
    void validatesASampleDetailNamingTheFieldThatIsWrong() {
        api.put("/v1/schemas/shop.carts@CartOpened", put(ORDER_V1, "BACKWARD"));

        JsonNode valid = api.post("/v1/schemas/shop.carts@CartOpened/validate",
                "{\"detail\": {\"orderId\": \"o-1\", \"total\": 12.5}}").json();
        assertThat(valid.path("valid").asBoolean()).isTrue();
        assertThat(valid.path("version").asInt()).isEqualTo(1);
        assertThat(valid.path("violations")).isEmpty();

        JsonNode invalid = api.post("/v1/schemas/shop.carts@CartOpened/validate",
                "{\"detail\": {\"total\": \"twelve\", \"customer\": {}}}").json();
        assertThat(invalid.path("valid").asBoolean()).isFalse();
        assertThat(invalid.path("violations").toString()).contains("orderId").contains("/total").contains("/customer");

        assertThat(api.post("/v1/schemas/shop.carts@CartOpened/validate", "{\"detail\": {}, \"version\": 9}")
                .problemCode(404)).isEqualTo("NotFound");
        assertThat(api.post("/v1/schemas/shop.carts@CartOpened/validate", "{\"detail\": [1]}")
                .problemCode(400)).isEqualTo("ValidationError");
    }

    @Test
    void answersJavaRecordsForAVersion() {
        api.put("/v1/schemas/shop.java@OrderPlaced", put(ORDER_V1, "NONE"));

        Reply java = api.get("/v1/schemas/shop.java@OrderPlaced/versions/1/java?package=com.example.events");

        assertThat(java.status()).as(java.body()).isEqualTo(200);
        assertThat(java.header("Content-Type")).startsWith("text/plain");
        assertThat(java.body()).startsWith("package com.example.events;").contains("public record OrderPlaced(")
                .contains("String orderId").contains("public record Customer(");
        assertThat(api.get("/v1/schemas/shop.java@OrderPlaced/versions/latest/java").body())
                .doesNotContain("package ");
        assertThat(api.get("/v1/schemas/shop.java@OrderPlaced/versions/1/java?package=Not.A.Package")
                .problemCode(400)).isEqualTo("ValidationError");
        assertThat(api.get("/v1/schemas/shop.java@OrderPlaced/versions/7/java").problemCode(404)).isEqualTo("NotFound");
    }

    @Test
    void deletesASchemaWithAllItsVersions() {
        api.put("/v1/schemas/shop.gone@Gone", put(ORDER_V1, "NONE"));
        api.put("/v1/schemas/shop.gone@Gone", put(ORDER_V3_BREAKING, "NONE"));

        assertThat(api.delete("/v1/schemas/shop.gone@Gone").status()).isEqualTo(204);

        assertThat(api.get("/v1/schemas/shop.gone@Gone").problemCode(404)).isEqualTo("NotFound");
        assertThat(api.get("/v1/schemas/shop.gone@Gone/versions/1").problemCode(404)).isEqualTo("NotFound");
        assertThat(api.delete("/v1/schemas/shop.gone@Gone").problemCode(404)).isEqualTo("NotFound");
        // the name can start again from version 1
        assertThat(api.put("/v1/schemas/shop.gone@Gone", put(ORDER_V1, "NONE")).json().path("version").asInt())
                .isEqualTo(1);
    }

    @Test
    void refusesBadInputWithTheFieldThatIsWrong() {
        Reply format = api.put("/v1/schemas/a@B", "{\"format\": \"Avro\", \"content\": {}}");
        assertThat(format.problemCode(400)).isEqualTo("ValidationError");
        assertThat(format.json().path("location").asText()).isEqualTo("format");

        Reply compatibility = api.put("/v1/schemas/a@B", "{\"compatibility\": \"SIDEWAYS\", \"content\": {}}");
        assertThat(compatibility.problemCode(400)).isEqualTo("ValidationError");
        assertThat(compatibility.json().path("location").asText()).isEqualTo("compatibility");

        Reply name = api.put("/v1/schemas/has%20space", put(ORDER_V1, "NONE"));
        assertThat(name.problemCode(400)).isEqualTo("ValidationError");
        assertThat(name.json().path("location").asText()).isEqualTo("path: name");

        assertThat(api.put("/v1/schemas/a@B", "{\"format\": \"JSONSchemaDraft4\"}").problemCode(400))
                .isEqualTo("ValidationError");
        assertThat(api.put("/v1/schemas/a@B", "{\"content\": \"not json\"}").problemCode(400))
                .isEqualTo("InvalidSchema");
        assertThat(api.put("/v1/schemas/a@B", "{\"content\": {\"type\": \"object\", \"properties\": {\"x\": "
                + "{\"$ref\": \"https://example.com/x.json\"}}}}").problemCode(400)).isEqualTo("InvalidSchema");
        assertThat(api.put("/v1/schemas/a@B", "{\"content\": {\"type\": 12}}").problemCode(400))
                .isEqualTo("InvalidSchema");
        assertThat(api.get("/v1/schemas/a@B").problemCode(404)).isEqualTo("NotFound");
        assertThat(api.get("/v1/schemas/a@B/versions/zero").problemCode(400)).isEqualTo("ValidationError");
    }

    @Test
    void keepsOneFormatPerSchema() {
        api.put("/v1/schemas/shop.formats@Placed", put(ORDER_V1, "NONE"));

        Reply other = api.put("/v1/schemas/shop.formats@Placed", "{\"format\": \"JSONSchema2020-12\", \"content\":"
                + " {\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"type\": \"object\"}}");

        assertThat(other.problemCode(409)).isEqualTo("Conflict");
        assertThat(other.json().path("detail").asText()).contains("JSONSchemaDraft4");
    }

    /** JSON string quoting for a document sent as a string. */
    private static final class JsonQuote {
        static String of(String text) {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
