package io.eventbus.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every refusal of a schema document, with where and why. */
class InvalidSchemaTest {

    private static final SchemaFormat DRAFT4 = SchemaFormat.JSON_SCHEMA_DRAFT4;
    private static final SchemaFormat LATEST = SchemaFormat.JSON_SCHEMA_2020_12;

    static InvalidSchema refused(SchemaFormat format, String content) {
        InvalidSchema e = catchThrowableOfType(InvalidSchema.class, () -> CompiledSchema.compile(format, content));
        assertThat(e).as("refused: %.200s", content).isNotNull();
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("InvalidSchema");
        return e;
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"type": "object",                           | Schema is not JSON
            {'type': 'object'}                           | Schema is not JSON
            {"type": "object"} {}                        | Schema is not JSON
            {"type": "object", "type": "string"}         | Schema is not JSON: Duplicate field 'type'
            ``                                           | Schema must be a JSON object, not nothing
            [{"type": "object"}]                         | Schema must be a JSON object, not array
            "object"                                     | Schema must be a JSON object, not string
            true                                         | Schema must be a JSON object, not boolean
            """)
    void refusesWhatIsNotAJsonObject(String content, String detail) {
        InvalidSchema e = refused(LATEST, content);

        assertThat(e.detail()).startsWith(detail);
        assertThat(e.location()).isEqualTo("content");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            JSON_SCHEMA_DRAFT4  | {"type": "objekt"}                                   | content/type
            JSON_SCHEMA_2020_12 | {"type": "objekt"}                                   | content/type
            JSON_SCHEMA_DRAFT4  | {"properties": {"a": {"minLength": -1}}}             | content/properties/a/minLength
            JSON_SCHEMA_2020_12 | {"required": "a"}                                    | content/required
            JSON_SCHEMA_DRAFT4  | {"exclusiveMinimum": 3}                              | content/exclusiveMinimum
            JSON_SCHEMA_2020_12 | {"exclusiveMinimum": true}                           | content/exclusiveMinimum
            """)
    void refusesWhatTheMetaSchemaRefuses(SchemaFormat format, String content, String location) {
        InvalidSchema e = refused(format, content);

        assertThat(e.location()).isEqualTo(location);
        assertThat(e.detail()).startsWith("Schema is not a valid " + format.wireName() + " document: "
                + location.substring("content".length()) + ": ");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://127.0.0.1:1/x.json", "https://example.com/s#/a", "other.json",
            "//example.com/x", "urn:x:y", "file:///etc/passwd"})
    void refusesRemoteReferences(String ref) {
        InvalidSchema e = refused(LATEST, "{\"properties\":{\"a\":{\"$ref\":\"" + ref + "\"}}}");

        assertThat(e.location()).isEqualTo("content/properties/a/$ref");
        assertThat(e.detail()).contains("remote references are never fetched").contains(ref);
    }

    @Test
    void refusesARemoteReferenceInDraft4Definitions() {
        InvalidSchema e = refused(DRAFT4, """
                {"definitions": {"a~b/c": {"$ref": "http://example.com/x"}}}""");

        assertThat(e.location()).isEqualTo("content/definitions/a~0b~1c/$ref");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"properties": {"enum": {"$ref": "http://example.com/x"}}}                    | content/properties/enum/$ref
            {"$defs": {"default": {"properties": {"a": {"$ref": "other.json"}}}}}         | content/$defs/default/properties/a/$ref
            {"components": {"schemas": {"enum": {"$ref": "http://example.com/x"}}}}       | content/components/schemas/enum/$ref
            {"properties": {"const": {"pattern": "(a+)+$"}}}                              | content/properties/const/pattern
            {"allOf": [{"not": {"pattern": "(.*)*"}}]}                                    | content/allOf/0/not/pattern
            """)
    void checksSchemasWhateverTheirNames(String content, String location) {
        assertThat(refused(LATEST, content).location()).isEqualTo(location);
    }

    @Test
    void refusesALocalReferenceToNothing() {
        InvalidSchema e = refused(LATEST, "{\"properties\":{\"a\":{\"$ref\":\"#/$defs/missing\"}}}");

        assertThat(e.detail()).startsWith("Schema does not compile");
    }

    @Test
    void readsReferenceLikeTextInDataAsData() {
        CompiledSchema schema = CompiledSchema.compile(LATEST, """
                {"enum": [{"$ref": "http://example.com/x"}], "default": {"$ref": "other.json"}}""");

        assertThat(schema.validate(CompiledSchemaTest.json("{\"$ref\":\"http://example.com/x\"}"))).isEmpty();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', textBlock = """
            JSON_SCHEMA_DRAFT4  | https://json-schema.org/draft/2020-12/schema | 2020-12 document, but its format is JSONSchemaDraft4 (draft-04); declare format JSONSchema2020-12
            JSON_SCHEMA_2020_12 | http://json-schema.org/draft-04/schema#      | draft-04 document, but its format is JSONSchema2020-12 (2020-12); declare format JSONSchemaDraft4
            JSON_SCHEMA_2020_12 | http://json-schema.org/draft-07/schema#      | draft-07 document, but its format is JSONSchema2020-12 (2020-12); only draft-04 and 2020-12 are supported
            JSON_SCHEMA_DRAFT4  | http://127.0.0.1:1/my-meta-schema            | is not a known JSON Schema draft
            """)
    void refusesASchemaKeywordOfAnotherDraft(SchemaFormat format, String declared, String detail) {
        InvalidSchema e = refused(format, "{\"$schema\":\"" + declared + "\",\"type\":\"object\"}");

        assertThat(e.location()).isEqualTo("content/$schema");
        assertThat(e.detail()).contains(detail);
    }

    @Test
    void acceptsTheSchemaKeywordOfItsOwnDraft() {
        CompiledSchema.compile(DRAFT4, "{\"$schema\":\"http://json-schema.org/draft-04/schema\"}");
        CompiledSchema.compile(LATEST, "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema#\"}");
    }

    @Test
    void refusesADocumentOverTheSizeLimit() {
        String big = "{\"description\":\"" + "x".repeat(SchemaLimits.MAX_DOCUMENT_BYTES) + "\"}";

        InvalidSchema e = refused(LATEST, big);

        assertThat(e.detail()).contains("the limit is 262144 bytes");
    }

    @Test
    void acceptsNestingUpToTheLimitAndRefusesDeeper() {
        // {"items": {"items": ... {}}}: each "items" adds one level
        CompiledSchema.compile(LATEST, nested(SchemaLimits.MAX_DEPTH - 1));
        InvalidSchema e = refused(LATEST, nested(SchemaLimits.MAX_DEPTH));

        assertThat(e.detail()).contains("more than 32 levels deep");
        assertThat(e.location()).startsWith("content/items/items/");
    }

    private static String nested(int levels) {
        return "{\"items\":".repeat(levels) + "{}" + "}".repeat(levels);
    }

    @Test
    void refusesAnEnumOverTheLimit() {
        InvalidSchema e = refused(LATEST, "{\"properties\":{\"c\":{\"enum\":" + numbers(1_001) + "}}}");

        assertThat(e.location()).isEqualTo("content/properties/c/enum");
        assertThat(e.detail()).isEqualTo("enum lists 1001 values; the limit is 1000");
        CompiledSchema.compile(LATEST, "{\"enum\":" + numbers(1_000) + "}");
    }

    @Test
    void refusesTooManyValues() {
        String manyProperties = IntStream.range(0, SchemaLimits.MAX_NODES).mapToObj(i -> "\"p" + i + "\":{}")
                .collect(Collectors.joining(",", "{\"properties\":{", "}}"));

        InvalidSchema e = refused(LATEST, manyProperties);

        assertThat(e.detail()).contains("more than 10000 JSON values");
    }

    private static String numbers(int count) {
        return IntStream.range(0, count).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', textBlock = """
            (a+)+$          ; nested repetition (a+)+
            ^(a*)*b         ; nested repetition (a*)*
            (.*)*x          ; nested repetition (.*)*
            ^(\\\\w+\\\\s?)*$   ; nested repetition
            (?:x+y?)+       ; nested repetition
            ((ab)+c)*       ; nested repetition
            ^(a|a)*$        ; repeated alternatives in (a|a)
            (a|ab)+         ; repeated alternatives in (a|ab)
            (.|x){2,}       ; repeated alternatives in (.|x)
            [a-           ; does not compile
            """)
    void refusesUnsafeOrBrokenPatterns(String regex, String reason) {
        InvalidSchema e = refused(LATEST, "{\"properties\":{\"s\":{\"pattern\":\"" + regex + "\"}}}");

        assertThat(e.location()).isEqualTo("content/properties/s/pattern");
        assertThat(e.detail()).contains(reason);
    }

    @Test
    void refusesAnUnsafePatternPropertiesKeyAndAnOverlongPattern() {
        InvalidSchema key = refused(DRAFT4, "{\"patternProperties\":{\"^(a+)+$\":{}}}");
        assertThat(key.location()).isEqualTo("content/patternProperties/^(a+)+$");

        InvalidSchema longOne = refused(LATEST, "{\"pattern\":\"" + "a".repeat(1_001) + "\"}");
        assertThat(longOne.detail()).contains("1001 characters long; the limit is 1000");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"^[A-Z]{3}-[0-9]+$", "^(\\\\d{3}-)?\\\\d{4}$", "^(ab|cd)*$", "^([a-z]++-)*[a-z]+$",
            "^(?>a+)+$", "(?i)^order-\\\\d+$", "^[(]a+[)]+$"})
    void acceptsSafePatterns(String regex) {
        CompiledSchema schema = CompiledSchema.compile(LATEST, "{\"pattern\":\"" + regex + "\"}");

        assertThat(schema.content().path("pattern").isTextual()).isTrue();
    }
}
