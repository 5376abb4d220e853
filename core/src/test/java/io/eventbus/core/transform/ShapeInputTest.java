package io.eventbus.core.transform;

import static io.eventbus.core.transform.Fixtures.CONTEXT;
import static io.eventbus.core.transform.Fixtures.EC2;
import static io.eventbus.core.transform.Fixtures.ORDER;
import static io.eventbus.core.transform.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** No shaping, a constant {@code input}, an {@code inputPath}, and the shapings that cannot be delivered. */
class ShapeInputTest {

    static Stream<Arguments> noShaping() {
        return Stream.of(
                Arguments.of("null", null),
                Arguments.of("JSON null", NullNode.getInstance()),
                Arguments.of("missing node", MissingNode.getInstance()),
                Arguments.of("empty object", json("{}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noShaping")
    void deliversTheEventByteForByteWithoutShaping(String name, JsonNode shaping) {
        String event = ORDER + "\n  ";

        assertThat(ShapeInput.shape(shaping, event, CONTEXT)).isEqualTo(event);
    }

    static Stream<Arguments> constants() {
        return Stream.of(
                Arguments.of("{\"input\": {\"a\": 1, \"b\": [true, null]}}", "{\"a\":1,\"b\":[true,null]}"),
                Arguments.of("{\"input\": \"hello\"}", "\"hello\""),
                Arguments.of("{\"input\": 42}", "42"),
                Arguments.of("{\"input\": [1, \"x\"]}", "[1,\"x\"]"),
                Arguments.of("{\"input\": false}", "false"),
                Arguments.of("{\"input\": null}", "null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constants")
    void deliversAConstantInputAsItsJsonText(String shaping, String expected) {
        assertThat(ShapeInput.shape(json(shaping), EC2, CONTEXT)).isEqualTo(expected);
    }

    static Stream<Arguments> inputPaths() {
        return Stream.of(
                Arguments.of("$.detail.name", "\"Alice\""),
                Arguments.of("$.detail.quote", "\"say \\\"hi\\\" \\\\ bye\""),
                Arguments.of("$.detail.price", "1.50"),
                Arguments.of("$.detail.big", "123456789012345678901234567890"),
                Arguments.of("$.detail.exp", "5e3"),
                Arguments.of("$.detail.ok", "true"),
                Arguments.of("$.detail.none", "null"),
                Arguments.of("$.detail.customer", "{\"id\":7,\"vip\":false}"),
                Arguments.of("$.detail.tags", "[\"a\",\"b\"]"),
                Arguments.of("$.detail.tags[0]", "\"a\""),
                Arguments.of("$.detail.tags[-1]", "\"b\""),
                Arguments.of("$['detail']['key with space']", "\"spaced\""),
                Arguments.of("$.detail.customer.*", "[7,false]"),
                Arguments.of("$.resources.*", "[]"),
                Arguments.of("$.detail.nothing-here", "null"),
                Arguments.of("$.nothing.deeper", "null"),
                Arguments.of("$.detail.tags[5]", "null"),
                Arguments.of("$.detail.name.first", "null"),
                Arguments.of("$.id", "\"6f4d\""),
                Arguments.of("$.detail", "{\"name\":\"Alice\",\"quote\":\"say \\\"hi\\\" \\\\ bye\",\"price\":1.50,"
                        + "\"big\":123456789012345678901234567890,\"exp\":5e3,\"ok\":true,\"none\":null,"
                        + "\"tags\":[\"a\",\"b\"],\"customer\":{\"id\":7,\"vip\":false},\"key with space\":\"spaced\","
                        + "\"lines\":\"one\\ntwo\",\"html\":\"<name>\"}"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("inputPaths")
    void deliversWhatTheInputPathSelectsAsJsonText(String path, String expected) {
        JsonNode shaping = Fixtures.MAPPER.createObjectNode().put("inputPath", path);

        assertThat(ShapeInput.shape(shaping, ORDER, CONTEXT)).isEqualTo(expected);
    }

    static Stream<Arguments> undeliverable() {
        return Stream.of(
                Arguments.of(json("{\"input\": 1, \"inputPath\": \"$\"}"), EC2,
                        "Input shaping must have exactly one of input, inputPath or inputTransformer,"
                                + " not [input, inputPath]"),
                Arguments.of(json("{\"inputPaths\": \"$\"}"), EC2, "exactly one of"),
                Arguments.of(json("[\"$.detail\"]"), EC2, "exactly one of"),
                Arguments.of(json("{\"inputPath\": 5}"), EC2, "inputPath must be a string"),
                Arguments.of(json("{\"inputPath\": \"$.[\"}"), EC2, "\"$.[\" is not a valid JSONPath"),
                Arguments.of(json("{\"inputPath\": \"\"}"), EC2, "\"\" is not a valid JSONPath"),
                Arguments.of(json("{\"inputPath\": \"$.detail\"}"), "{\"detail\": ", "The event is not valid JSON"),
                Arguments.of(json("{\"inputTransformer\": \"x\"}"), EC2, "inputTransformer must be an object"),
                Arguments.of(json("{\"inputTransformer\": {\"inputPathsMap\": {}}}"), EC2,
                        "inputTransformer.inputTemplate must be a string"),
                Arguments.of(json("{\"inputTransformer\": {\"inputPathsMap\": [], \"inputTemplate\": \"x\"}}"), EC2,
                        "inputTransformer.inputPathsMap must be an object"),
                Arguments.of(json("{\"inputTransformer\": {\"inputPathsMap\": {\"a\": 1}, \"inputTemplate\": \"x\"}}"),
                        EC2, "inputPathsMap.a must be a string"),
                Arguments.of(Fixtures.transformer(Map.of("bad", "$..["), "\"<bad>\""), EC2, "is not a valid JSONPath"),
                Arguments.of(Fixtures.transformer(Map.of(), "{\"a\": <nobody>}"), EC2,
                        "The input template's result is not valid JSON: Unexpected character ('<'"),
                Arguments.of(Fixtures.transformer(Fixtures.EC2_PATHS, "{<detail>: 1}"), EC2,
                        "The input template's result is not valid JSON"),
                Arguments.of(Fixtures.transformer(Fixtures.EC2_PATHS, "{\"a\": <state>"), EC2,
                        "The input template's result is not valid JSON"),
                Arguments.of(Fixtures.transformer(Fixtures.EC2_PATHS, "{\"a\": <state>} {\"b\": 1}"), EC2,
                        "The input template's result is not valid JSON: unexpected content after the value"),
                Arguments.of(Fixtures.transformer(Fixtures.EC2_PATHS, "{\"a\": \"<state>\" <instance>}"), EC2,
                        "The input template's result is not valid JSON"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("undeliverable")
    void rejectsWhatCannotBeDeliveredWithTheReason(JsonNode shaping, String event, String reason) {
        assertThatThrownBy(() -> ShapeInput.shape(shaping, event, CONTEXT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }
}
