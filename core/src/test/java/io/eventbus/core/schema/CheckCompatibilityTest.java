package io.eventbus.core.schema;

import static io.eventbus.core.schema.CompiledSchemaTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Each compatibility rule under each mode it matters for, with the reason a user reads. */
class CheckCompatibilityTest {

    private static List<String> check(Compatibility mode, String oldSchema, String newSchema) {
        return CheckCompatibility.incompatibilities(mode, json(newSchema), List.of(json(oldSchema)));
    }

    /** Old schema, new schema, mode, and a fragment of the expected reason (empty: compatible). */
    @ParameterizedTest(name = "[{index}] {0}: {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # type
            BACKWARD | {"properties":{"total":{"type":"number"}}}  | {"properties":{"total":{"type":"integer"}}} | type of /properties/total narrowed from number to integer
            FORWARD  | {"properties":{"total":{"type":"number"}}}  | {"properties":{"total":{"type":"integer"}}} | ``
            FORWARD  | {"properties":{"total":{"type":"integer"}}} | {"properties":{"total":{"type":"number"}}}  | type of /properties/total widened from integer to number
            BACKWARD | {"properties":{"total":{"type":"integer"}}} | {"properties":{"total":{"type":"number"}}}  | ``
            FULL     | {"properties":{"total":{"type":"integer"}}} | {"properties":{"total":{"type":"number"}}}  | type of /properties/total widened from integer to number
            BACKWARD | {"type":"string"}                           | {"type":["string","null"]}                  | ``
            BACKWARD | {}                                          | {"type":"object"}                           | type of the root narrowed from any type to object
            # enum and const
            BACKWARD | {"properties":{"c":{"enum":["EUR","USD"]}}} | {"properties":{"c":{"enum":["EUR"]}}}       | allowed values of /properties/c narrowed from ["EUR", "USD"] to ["EUR"]
            FORWARD  | {"properties":{"c":{"enum":["EUR"]}}}       | {"properties":{"c":{"enum":["EUR","USD"]}}} | allowed values of /properties/c widened from ["EUR"] to ["EUR", "USD"]
            BACKWARD | {"properties":{"c":{"enum":["EUR"]}}}       | {"properties":{"c":{"enum":["EUR","USD"]}}} | ``
            BACKWARD | {"properties":{"c":{"type":"string"}}}      | {"properties":{"c":{"enum":["EUR"]}}}       | allowed values ["EUR"] added at /properties/c
            BACKWARD | {"properties":{"c":{"const":"EUR"}}}        | {"properties":{"c":{"type":"string"}}}      | ``
            BACKWARD | {"properties":{"n":{"const":1}}}            | {"properties":{"n":{"enum":[1.0, 2]}}}      | ``
            # required
            BACKWARD | {"properties":{"customer":{}}}                         | {"properties":{"customer":{}},"required":["customer"]} | required property 'customer' added at /properties/customer
            FORWARD  | {"properties":{"customer":{}}}                         | {"properties":{"customer":{}},"required":["customer"]} | ``
            BACKWARD | {"properties":{"customer":{}},"required":["customer"]} | {"properties":{"customer":{}}}                         | ``
            FORWARD  | {"properties":{"customer":{}},"required":["customer"]} | {"properties":{"customer":{}}}                         | property 'customer' no longer required at /properties/customer
            # properties and the content model
            BACKWARD | {"properties":{"a":{}}}                                  | {"properties":{"a":{},"note":{"type":"string"}}}                                  | property 'note' added at /properties/note while the old schema allows additional properties
            BACKWARD | {"properties":{"a":{}}}                                  | {"properties":{"a":{},"note":{"description":"free text"}}}                        | ``
            BACKWARD | {"properties":{"a":{}},"additionalProperties":false}    | {"properties":{"a":{},"note":{"type":"string"}},"additionalProperties":false}    | ``
            FORWARD  | {"properties":{"a":{}},"additionalProperties":false}    | {"properties":{"a":{},"note":{"type":"string"}},"additionalProperties":false}    | property 'note' added at /properties/note while the old schema does not allow additional properties
            BACKWARD | {"properties":{"a":{}},"additionalProperties":{"type":"string"}} | {"properties":{"a":{},"note":{"type":"string","maxLength":5}}}     | maxLength 5 added at /properties/note
            BACKWARD | {"properties":{"a":{},"note":{"type":"string"}},"additionalProperties":false} | {"properties":{"a":{}},"additionalProperties":false} | property 'note' removed at /properties/note while the new schema does not allow additional properties
            BACKWARD | {"properties":{"a":{},"note":{"type":"string"}}}         | {"properties":{"a":{}}}                                                           | ``
            FORWARD  | {"properties":{"a":{},"note":{"type":"string"}}}         | {"properties":{"a":{}}}                                                           | property 'note' removed at /properties/note while the new schema still allows additional properties
            BACKWARD | {"properties":{"a":{}}}                                  | {"properties":{"a":{}},"additionalProperties":false}                              | additional properties no longer allowed at the root
            BACKWARD | {"properties":{"a":{}},"additionalProperties":false}    | {"properties":{"a":{}}}                                                           | ``
            FORWARD  | {"properties":{"a":{}},"additionalProperties":false}    | {"properties":{"a":{}}}                                                           | additional properties allowed at the root
            BACKWARD | {"additionalProperties":{"type":"number"}}               | {"additionalProperties":{"type":"integer"}}                                       | type of /additionalProperties narrowed from number to integer
            # nesting and arrays
            BACKWARD | {"properties":{"customer":{"properties":{"id":{"type":"string"}}}}} | {"properties":{"customer":{"properties":{"id":{"type":"integer"}}}}} | type of /properties/customer/properties/id narrowed from string to integer
            BACKWARD | {"properties":{"items":{"type":"array","items":{"type":"object"}}}} | {"properties":{"items":{"type":"array","items":{"type":"object","required":["sku"]}}}} | required property 'sku' added at /properties/items/items/properties/sku
            BACKWARD | {"properties":{"items":{"type":"array"}}}                 | {"properties":{"items":{"type":"array","items":{"type":"string"}}}} | type of /properties/items/items narrowed from any type to string
            BACKWARD | {"properties":{"items":{"type":"array","minItems":0}}}    | {"properties":{"items":{"type":"array","minItems":1}}}              | minItems of /properties/items raised from 0 to 1
            BACKWARD | {"properties":{"items":{"type":"array"}}}                 | {"properties":{"items":{"type":"array","maxItems":10}}}             | maxItems 10 added at /properties/items
            FORWARD  | {"properties":{"items":{"type":"array","maxItems":10}}}   | {"properties":{"items":{"type":"array","maxItems":20}}}             | maxItems of /properties/items raised from 10 to 20
            BACKWARD | {"properties":{"items":{"type":"array"}}}                 | {"properties":{"items":{"type":"array","uniqueItems":true}}}        | uniqueItems added at /properties/items
            # numeric bounds, draft-04 and 2020-12 forms
            BACKWARD | {"properties":{"total":{"type":"number","minimum":0}}}    | {"properties":{"total":{"type":"number","minimum":1}}}                            | minimum of /properties/total raised from 0 to 1
            FORWARD  | {"properties":{"total":{"type":"number","minimum":1}}}    | {"properties":{"total":{"type":"number","minimum":0}}}                            | minimum of /properties/total lowered from 1 to 0
            BACKWARD | {"properties":{"total":{"type":"number"}}}                | {"properties":{"total":{"type":"number","maximum":100}}}                          | maximum 100 added at /properties/total
            BACKWARD | {"properties":{"total":{"type":"number","maximum":100}}}  | {"properties":{"total":{"type":"number"}}}                                        | ``
            BACKWARD | {"properties":{"total":{"type":"number","minimum":0}}}    | {"properties":{"total":{"type":"number","minimum":0,"exclusiveMinimum":true}}}    | minimum of /properties/total raised from 0 to 0 (exclusive)
            BACKWARD | {"properties":{"total":{"type":"number","maximum":10}}}   | {"properties":{"total":{"type":"number","exclusiveMaximum":10}}}                  | maximum of /properties/total lowered from 10 to 10 (exclusive)
            BACKWARD | {"properties":{"total":{"type":"number","exclusiveMaximum":10}}} | {"properties":{"total":{"type":"number","maximum":10}}}                    | ``
            BACKWARD | {"properties":{"s":{"type":"string"}}}                    | {"properties":{"s":{"type":"string","maximum":10}}}                               | ``
            # strings
            BACKWARD | {"properties":{"id":{"type":"string","maxLength":64}}}    | {"properties":{"id":{"type":"string","maxLength":32}}}                            | maxLength of /properties/id lowered from 64 to 32
            BACKWARD | {"properties":{"id":{"type":"string"}}}                   | {"properties":{"id":{"type":"string","minLength":1}}}                             | minLength 1 added at /properties/id
            BACKWARD | {"properties":{"id":{"type":"string"}}}                   | {"properties":{"id":{"type":"string","pattern":"^[A-Z]+$"}}}                      | pattern "^[A-Z]+$" added at /properties/id
            BACKWARD | {"properties":{"id":{"type":"string","pattern":"^[A-Z]+$"}}} | {"properties":{"id":{"type":"string","pattern":"^[A-Z0-9]+$"}}}              | pattern of /properties/id changed from "^[A-Z]+$" to "^[A-Z0-9]+$"
            BACKWARD | {"properties":{"id":{"type":"string","pattern":"^[A-Z]+$"}}} | {"properties":{"id":{"type":"string"}}}                                       | ``
            FORWARD  | {"properties":{"id":{"type":"string","pattern":"^[A-Z]+$"}}} | {"properties":{"id":{"type":"string"}}}                                       | pattern "^[A-Z]+$" removed at /properties/id
            BACKWARD | {"properties":{"at":{"type":"string"}}}                   | {"properties":{"at":{"type":"string","format":"date-time"}}}                      | format "date-time" added at /properties/at
            BACKWARD | {"properties":{"at":{"type":"string","format":"date"}}}   | {"properties":{"at":{"type":"string","format":"date-time"}}}                      | format of /properties/at changed from "date" to "date-time"
            # boolean schemas
            BACKWARD | {"properties":{"x":{}}}                                   | {"properties":{"x":false}}                                                        | the new schema refuses every value at /properties/x (false)
            BACKWARD | {"properties":{"x":false}}                                | {"properties":{"x":{"type":"string"}}}                                            | ``
            BACKWARD | {"properties":{"x":{"type":"string"}}}                    | {"properties":{"x":true}}                                                         | ``
            # what the checker does not compare: the safe side
            BACKWARD | {"properties":{"p":{"oneOf":[{"type":"string"},{"type":"number"}]}}} | {"properties":{"p":{"oneOf":[{"type":"string"}]}}}    | cannot prove /properties/p/oneOf compatible: 'oneOf' changed
            BACKWARD | {"properties":{"p":{}}}                                              | {"properties":{"p":{"anyOf":[{"type":"string"}]}}}   | cannot prove /properties/p/anyOf compatible: 'anyOf' added
            BACKWARD | {"properties":{"p":{"not":{"type":"string"}}}}                       | {"properties":{"p":{}}}                              | ``
            FORWARD  | {"properties":{"p":{"not":{"type":"string"}}}}                       | {"properties":{"p":{}}}                              | cannot prove /properties/p/not compatible: 'not' removed
            BACKWARD | {"properties":{"p":{"multipleOf":2}}}                                | {"properties":{"p":{"multipleOf":2}}}                | ``
            BACKWARD | {"properties":{"p":{"$ref":"#/$defs/nowhere"}}}                      | {"properties":{"p":{"type":"string"}}}               | cannot prove /properties/p compatible: $ref "#/$defs/nowhere" cannot be followed
            BACKWARD | {"properties":{"p":{"type":"string"}}}                               | {"properties":{"p":{"$ref":"#/$defs/nowhere"}}}      | cannot prove /properties/p compatible: $ref "#/$defs/nowhere" cannot be followed
            """)
    void recognisesTheChange(Compatibility mode, String oldSchema, String newSchema, String reason) {
        List<String> reasons = check(mode, oldSchema, newSchema);

        if (reason.isEmpty()) {
            assertThat(reasons).isEmpty();
        } else {
            assertThat(reasons).anySatisfy(r -> assertThat(r).contains(reason));
        }
    }

    @Test
    void followsLocalReferencesOnBothSides() {
        String draft4 = """
                {"properties": {"customer": {"$ref": "#/definitions/Customer"}},
                 "definitions": {"Customer": {"properties": {"id": {"type": "string"}}}}}""";
        String latest = """
                {"properties": {"customer": {"$ref": "#/$defs/customer"}},
                 "$defs": {"customer": {"properties": {"id": {"type": "integer"}}}}}""";

        assertThat(check(Compatibility.BACKWARD, draft4, latest))
                .containsExactly("type of /properties/customer/properties/id narrowed from string to integer");
    }

    @Test
    void stopsAtReferenceCyclesAndStillSeesChangesInThem() {
        String tree = """
                {"type": "object", "properties": {"value": {"type": "number"},
                 "children": {"type": "array", "items": {"$ref": "#"}}}}""";

        assertThat(check(Compatibility.FULL, tree, tree)).isEmpty();
        assertThat(check(Compatibility.BACKWARD, tree, tree.replace("number", "integer")))
                .containsExactly("type of /properties/value narrowed from number to integer");
    }

    @ParameterizedTest
    @EnumSource(Compatibility.class)
    void identicalSchemasAreCompatibleUnderEveryMode(Compatibility mode) {
        for (String schema : List.of(CompiledSchemaTest.ORDER_PLACED_DRAFT4, CompiledSchemaTest.ORDER_PLACED_2020_12,
                "{\"oneOf\":[{\"$ref\":\"#/$defs/a\"},{\"type\":\"null\"}],\"$defs\":{\"a\":{\"type\":\"string\"}}}")) {
            JsonNode document = json(schema);
            assertThat(CheckCompatibility.incompatibilities(mode, json(schema), List.of(document, document)))
                    .as("%s", mode).isEmpty();
        }
    }

    @Test
    void noneAcceptsAnyChangeAndNoEarlierVersionMeansCompatible() {
        assertThat(check(Compatibility.NONE, "{\"type\":\"string\"}", "{\"type\":\"number\"}")).isEmpty();
        assertThat(CheckCompatibility.incompatibilities(Compatibility.FULL_TRANSITIVE, json("{}"), List.of()))
                .isEmpty();
    }

    @Test
    void transitiveModesLookPastTheLatestVersion() {
        List<JsonNode> earlier = List.of(
                json("{\"properties\":{\"total\":{\"type\":\"number\"}}}"),
                json("{\"properties\":{\"total\":{\"type\":\"integer\"}}}"));
        JsonNode candidate = json("{\"properties\":{\"total\":{\"type\":\"integer\"}}}");

        assertThat(CheckCompatibility.incompatibilities(Compatibility.BACKWARD, candidate, earlier)).isEmpty();
        assertThat(CheckCompatibility.incompatibilities(Compatibility.BACKWARD_TRANSITIVE, candidate, earlier))
                .containsExactly("version 1: type of /properties/total narrowed from number to integer");
        assertThat(CheckCompatibility.incompatibilities(Compatibility.FULL, candidate, earlier)).isEmpty();
        assertThat(CheckCompatibility.incompatibilities(Compatibility.FULL_TRANSITIVE, candidate, earlier))
                .containsExactly("version 1: type of /properties/total narrowed from number to integer");
    }

    @Test
    void forwardTransitiveNamesEachVersionItBreaksWith() {
        List<JsonNode> earlier = List.of(
                json("{\"properties\":{\"c\":{\"enum\":[\"EUR\"]}}}"),
                json("{\"properties\":{\"c\":{\"enum\":[\"EUR\",\"USD\"]}}}"));
        JsonNode candidate = json("{\"properties\":{\"c\":{\"enum\":[\"EUR\",\"USD\"]}}}");

        assertThat(CheckCompatibility.incompatibilities(Compatibility.FORWARD, candidate, earlier)).isEmpty();
        assertThat(CheckCompatibility.incompatibilities(Compatibility.FORWARD_TRANSITIVE, candidate, earlier))
                .containsExactly("version 1: allowed values of /properties/c widened from [\"EUR\"] to [\"EUR\", \"USD\"]");
    }

    @Test
    void fullReportsBothDirections() {
        assertThat(check(Compatibility.FULL, "{\"properties\":{\"a\":{}},\"additionalProperties\":false}",
                "{\"properties\":{\"a\":{},\"b\":{}},\"required\":[\"b\"],\"additionalProperties\":false}"))
                .containsExactly("required property 'b' added at /properties/b",
                        "property 'b' added at /properties/b while the old schema does not allow additional properties");
    }
}
