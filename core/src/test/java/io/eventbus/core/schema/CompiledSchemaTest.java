package io.eventbus.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Compiling a realistic schema in each format and validating details against it. */
class CompiledSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** EventBridge's style: draft-04 with the shared shapes under "definitions". */
    static final String ORDER_PLACED_DRAFT4 = """
            {
              "$schema": "http://json-schema.org/draft-04/schema#",
              "title": "OrderPlaced",
              "type": "object",
              "required": ["orderId", "total", "currency", "customer", "items", "placedAt"],
              "properties": {
                "orderId": {"type": "string", "minLength": 1},
                "total": {"type": "number", "minimum": 0},
                "currency": {"type": "string", "enum": ["EUR", "USD", "GBP"]},
                "customer": {"$ref": "#/definitions/Customer"},
                "items": {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/Item"}},
                "placedAt": {"type": "string", "format": "date-time"}
              },
              "definitions": {
                "Customer": {
                  "type": "object",
                  "required": ["id"],
                  "properties": {"id": {"type": "string"}, "email": {"type": "string"}}
                },
                "Item": {
                  "type": "object",
                  "required": ["sku", "quantity"],
                  "properties": {"sku": {"type": "string", "pattern": "^[A-Z]{3}-[0-9]+$"},
                                 "quantity": {"type": "integer", "minimum": 1}}
                }
              }
            }""";

    static final String ORDER_PLACED_2020_12 = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "$id": "https://example.com/schemas/order-placed",
              "title": "OrderPlaced",
              "type": "object",
              "required": ["orderId", "total", "currency", "customer", "items", "placedAt"],
              "properties": {
                "orderId": {"type": "string", "minLength": 1},
                "total": {"type": "number", "minimum": 0},
                "currency": {"enum": ["EUR", "USD", "GBP"]},
                "customer": {"$ref": "#/$defs/customer"},
                "items": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/item"}},
                "placedAt": {"type": "string", "format": "date-time"}
              },
              "$defs": {
                "customer": {
                  "type": "object",
                  "required": ["id"],
                  "properties": {"id": {"type": "string"}, "email": {"type": "string"}}
                },
                "item": {
                  "type": "object",
                  "required": ["sku", "quantity"],
                  "properties": {"sku": {"type": "string", "pattern": "^[A-Z]{3}-[0-9]+$"},
                                 "quantity": {"type": "integer", "minimum": 1}}
                }
              }
            }""";

    private static final String GOOD_DETAIL = """
            {"orderId": "o-1", "total": 12.5, "currency": "EUR",
             "customer": {"id": "c-7", "email": "a@example.com"},
             "items": [{"sku": "ABC-1", "quantity": 2}],
             "placedAt": "2026-12-06T10:15:30Z"}""";

    static String schemaOf(SchemaFormat format) {
        return format == SchemaFormat.JSON_SCHEMA_DRAFT4 ? ORDER_PLACED_DRAFT4 : ORDER_PLACED_2020_12;
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(SchemaFormat.class)
    void acceptsAGoodDetail(SchemaFormat format) {
        CompiledSchema schema = CompiledSchema.compile(format, schemaOf(format));

        assertThat(schema.format()).isEqualTo(format);
        assertThat(schema.content().path("title").asText()).isEqualTo("OrderPlaced");
        assertThat(schema.validate(json(GOOD_DETAIL))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SchemaFormat.class)
    void namesTheMissingRequiredProperty(SchemaFormat format) {
        CompiledSchema schema = CompiledSchema.compile(format, schemaOf(format));

        JsonNode detail = json(GOOD_DETAIL.replace("\"customer\": {\"id\": \"c-7\",", "\"customer\": {"));

        assertThat(schema.validate(detail))
                .containsExactly(new SchemaViolation("/customer", "required property 'id' is missing"));
    }

    @ParameterizedTest
    @EnumSource(SchemaFormat.class)
    void reportsEachProblemWhereItIsInDocumentOrder(SchemaFormat format) {
        CompiledSchema schema = CompiledSchema.compile(format, schemaOf(format));

        JsonNode detail = json("""
                {"total": "12", "currency": "CHF",
                 "customer": {"id": 7},
                 "items": [{"sku": "abc", "quantity": 0}],
                 "placedAt": "yesterday"}""");

        assertThat(schema.validate(detail)).extracting(SchemaViolation::pointer).containsExactly(
                "", "/total", "/currency", "/customer/id", "/items/0/sku", "/items/0/quantity", "/placedAt");
        assertThat(schema.validate(detail)).first().isEqualTo(
                new SchemaViolation("", "required property 'orderId' is missing"));
        assertThat(schema.validate(detail)).extracting(SchemaViolation::message).anySatisfy(
                m -> assertThat(m).contains("date-time"));
    }

    @Test
    void reportsAtMostTwentyViolations() {
        CompiledSchema schema = CompiledSchema.compile(SchemaFormat.JSON_SCHEMA_2020_12,
                "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}");
        JsonNode fifty = json(IntStream.range(0, 50).mapToObj(Integer::toString)
                .collect(Collectors.joining(",", "[", "]")));

        assertThat(schema.validate(fifty)).hasSize(20).first().extracting(SchemaViolation::pointer).isEqualTo("/0");
    }

    @Test
    void acceptsUnknownKeywordsAsAnnotations() {
        CompiledSchema schema = CompiledSchema.compile(SchemaFormat.JSON_SCHEMA_DRAFT4, """
                {"$schema": "http://json-schema.org/draft-04/schema#", "x-amazon-events-source": "shop",
                 "type": "object", "properties": {"a": {"$ref": "#/components/schemas/A"}},
                 "components": {"schemas": {"A": {"type": "integer"}}}}""");

        assertThat(schema.validate(json("{\"a\": \"x\"}"))).extracting(SchemaViolation::pointer).containsExactly("/a");
    }

    @Test
    void keepsSchemasWithTheSameIdApart() {
        CompiledSchema strings = CompiledSchema.compile(SchemaFormat.JSON_SCHEMA_2020_12,
                "{\"$id\":\"https://example.com/same\",\"type\":\"string\"}");
        CompiledSchema numbers = CompiledSchema.compile(SchemaFormat.JSON_SCHEMA_2020_12,
                "{\"$id\":\"https://example.com/same\",\"type\":\"number\"}");

        assertThat(strings.validate(json("\"x\""))).isEmpty();
        assertThat(numbers.validate(json("1"))).isEmpty();
        assertThat(numbers.validate(json("\"x\""))).hasSize(1);
    }
}
