package io.eventbus.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InferSchemaTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void describesTypesNestedObjectsArraysAndTimesOfOneSample() throws Exception {
        ObjectNode schema = InferSchema.of(json("""
                {"orderId": "o-1", "total": 12.5, "count": 3, "paid": true, "note": null,
                 "placedAt": "2026-12-06T10:00:00Z", "customer": {"id": "c-1"},
                 "items": [{"sku": "a", "qty": 1}, {"sku": "b", "qty": 2, "gift": true}], "tags": []}"""));

        assertThat(schema.path("$schema").asText()).isEqualTo("http://json-schema.org/draft-04/schema#");
        JsonNode p = schema.path("properties");
        assertThat(p.path("orderId").path("type").asText()).isEqualTo("string");
        assertThat(p.path("orderId").has("format")).isFalse();
        assertThat(p.path("total").path("type").asText()).isEqualTo("number");
        assertThat(p.path("count").path("type").asText()).isEqualTo("integer");
        assertThat(p.path("paid").path("type").asText()).isEqualTo("boolean");
        assertThat(p.path("note").path("type").asText()).isEqualTo("null");
        assertThat(p.path("placedAt").path("format").asText()).isEqualTo("date-time");
        assertThat(p.path("customer").path("required").toString()).isEqualTo("[\"id\"]");
        JsonNode items = p.path("items").path("items");
        assertThat(items.path("properties").has("gift")).isTrue();
        assertThat(items.path("required").toString()).isEqualTo("[\"sku\",\"qty\"]");
        assertThat(p.path("tags").path("type").asText()).isEqualTo("array");
        assertThat(p.path("tags").has("items")).isFalse();
        assertThat(schema.path("required")).hasSize(9);
    }

    @Test
    void mergingSamplesWidensTypesAndKeepsRequiredOnlyWhatEverySampleHad() throws Exception {
        ObjectNode first = InferSchema.of(json("{\"id\": \"o-1\", \"total\": 3, \"at\": \"2026-12-06T10:00:00Z\"}"));

        ObjectNode merged = InferSchema.merge(first, json("{\"id\": \"o-2\", \"total\": 4.5, \"at\": \"soon\", \"extra\": 1}"));

        JsonNode p = merged.path("properties");
        assertThat(p.path("total").path("type").asText()).as("integer and number").isEqualTo("number");
        assertThat(p.path("at").has("format")).as("not every sample had a time").isFalse();
        assertThat(p.has("extra")).isTrue();
        assertThat(merged.path("required").toString()).isEqualTo("[\"id\",\"total\",\"at\"]");

        ObjectNode mixed = InferSchema.merge(merged, json("{\"id\": 7, \"total\": 1, \"at\": \"x\"}"));
        assertThat(mixed.path("properties").path("id").path("type").toString()).isEqualTo("[\"integer\",\"string\"]");
    }

    @Test
    void theUnionOfTwoInferredSchemasTakesWhatEachSaw() throws Exception {
        ObjectNode here = InferSchema.of(json("{\"id\": \"o-1\", \"total\": 3}"));
        ObjectNode elsewhere = InferSchema.of(json("{\"id\": \"o-2\", \"note\": \"gift\"}"));

        ObjectNode union = InferSchema.union(here, elsewhere);

        assertThat(union.path("properties").has("total")).isTrue();
        assertThat(union.path("properties").has("note")).isTrue();
        assertThat(union.path("required").toString()).isEqualTo("[\"id\"]");
        assertThat(InferSchema.union(union, here)).isEqualTo(union);
    }

    @Test
    void theInferredSchemaIsAValidSchemaThatItsSamplesPass() throws Exception {
        JsonNode a = json("{\"id\": \"o-1\", \"items\": [{\"sku\": \"a\"}], \"at\": \"2026-12-06T10:00:00+01:00\"}");
        JsonNode b = json("{\"id\": \"o-2\", \"items\": [], \"total\": 3}");
        ObjectNode schema = InferSchema.merge(InferSchema.of(a), b);

        CompiledSchema compiled = CompiledSchema.compile(SchemaFormat.JSON_SCHEMA_DRAFT4, schema.toString());

        assertThat(compiled.validate(a)).isEmpty();
        assertThat(compiled.validate(b)).isEmpty();
        assertThat(compiled.validate(json("{\"items\": []}"))).extracting(SchemaViolation::message)
                .anySatisfy(m -> assertThat(m).contains("id"));
    }

    @Test
    void staysWithinTheLimitsOfADocument() throws Exception {
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            deep.append("{\"a\":");
        }
        deep.append("1").append("}".repeat(60));
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 500; i++) {
            wide.append(i == 0 ? "" : ",").append("\"p").append(i).append("\":1");
        }
        wide.append('}');

        ObjectNode deepSchema = InferSchema.of(json(deep.toString()));
        ObjectNode wideSchema = InferSchema.of(json(wide.toString()));

        CompiledSchema.compile(SchemaFormat.JSON_SCHEMA_DRAFT4, deepSchema.toString());
        assertThat(wideSchema.path("properties").size()).isEqualTo(InferSchema.MAX_PROPERTIES);
        assertThat(CompiledSchema.compile(SchemaFormat.JSON_SCHEMA_DRAFT4, wideSchema.toString())
                .validate(json(wide.toString()))).isEmpty();
    }
}
