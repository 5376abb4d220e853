package io.eventbus.core.transform;

import static io.eventbus.core.transform.Fixtures.CONTEXT;
import static io.eventbus.core.transform.Fixtures.EC2;
import static io.eventbus.core.transform.Fixtures.EC2_PATHS;
import static io.eventbus.core.transform.Fixtures.ORDER;
import static io.eventbus.core.transform.Fixtures.ORDER_PATHS;
import static io.eventbus.core.transform.Fixtures.json;
import static io.eventbus.core.transform.Fixtures.transformer;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Input transformer templates: EventBridge's documented examples (on its EC2 event) and edge cases. String and
 * plain-text templates are compared exactly; JSON templates semantically, and exactly where spelling matters.
 */
class FillTemplateTest {

    private static final String EC2_WITHOUT_DETAIL = withoutDetail(EC2);

    static Stream<Arguments> textTemplates() {
        return Stream.of(
                // EventBridge's examples
                row(EC2_PATHS, EC2, "\"instance <instance> is in <state>\"", "\"instance i-0123456789 is in RUNNING\""),
                row(EC2_PATHS, EC2, "\"instance \\\"<instance>\\\" is in <state>\"",
                        "\"instance \\\"i-0123456789\\\" is in RUNNING\""),
                row(EC2_PATHS, EC2, "\"<aws.events.rule-name> triggered\"", "\"example triggered\""),
                row(EC2_PATHS, EC2, "<instance> is in state <state>", "i-0123456789 is in state RUNNING"),
                // reserved variables, in a string and in plain text
                row(Map.of(), EC2, "\"rule <aws.events.rule-arn>\"",
                        "\"rule arn:aws:events:us-east-2:123456789012:rule/example\""),
                row(Map.of(), EC2, "\"at <aws.events.event.ingestion-time>\"", "\"at 2026-11-26T10:00:00Z\""),
                row(Map.of(), EC2, "Rule <aws.events.rule-name> at <aws.events.event.ingestion-time>",
                        "Rule example at 2026-11-26T10:00:00Z"),
                row(Map.of(), ORDER, "<aws.events.event.json>", ORDER.replaceAll("\\n\\s*", "")),
                // edge cases
                row(ORDER_PATHS, ORDER, "\"<name> says <quote>\"", "\"Alice says say \\\"hi\\\" \\\\ bye\""),
                row(ORDER_PATHS, ORDER, "\"<lines>\"", "\"one\\ntwo\""),
                row(ORDER_PATHS, ORDER, "\"price <price>, big <big>, exp <exp>, ok <ok>, none <none>\"",
                        "\"price 1.50, big 123456789012345678901234567890, exp 5e3, ok true, none null\""),
                row(ORDER_PATHS, ORDER, "\"customer <customer>, tags <tags>\"",
                        "\"customer {id:7,vip:false}, tags [a,b]\""),
                row(ORDER_PATHS, ORDER, "\"html <html>\"", "\"html <name>\""),
                row(ORDER_PATHS, ORDER, "\"missing: [<missing>]\"", "\"missing: []\""),
                row(ORDER_PATHS, ORDER, "\"unknown <nobody> and <not a name> stay\"",
                        "\"unknown <nobody> and <not a name> stay\""),
                row(EC2_PATHS, EC2, "\"<aws.events.rule-name> wins over a path of that name\"",
                        "\"example wins over a path of that name\""),
                row(ORDER_PATHS, ORDER, "Plain <name>, <customer>, missing=<missing>.",
                        "Plain Alice, {\"id\":7,\"vip\":false}, missing=."),
                row(ORDER_PATHS, ORDER, "say: <quote>", "say: say \"hi\" \\ bye"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("textTemplates")
    void fillsStringAndPlainTextTemplatesExactly(Map<String, String> paths, String event, String template,
            String expected) {
        String body = ShapeInput.shape(transformer(paths, template), event, CONTEXT);

        assertThat(body).isEqualTo(expected);
        if (template.startsWith("\"")) {
            assertThat(json(body).isTextual()).as("a string template gives a JSON string").isTrue();
        }
    }

    static Stream<Arguments> jsonTemplates() {
        return Stream.of(
                // EventBridge's examples
                row(EC2_PATHS, EC2, "{\n  \"instance\" : <instance>,\n  \"state\": <state>\n}",
                        "{\"instance\": \"i-0123456789\", \"state\": \"RUNNING\"}"),
                row(EC2_PATHS, EC2, "{\"instance\" : <instance>, \"state\": \"<state>\","
                                + " \"instanceStatus\": \"instance \\\"<instance>\\\" is in <state>\"}",
                        "{\"instance\": \"i-0123456789\", \"state\": \"RUNNING\","
                                + " \"instanceStatus\": \"instance \\\"i-0123456789\\\" is in RUNNING\"}"),
                row(EC2_PATHS, EC2, "{\"instance\": <instance>, \"state\": [9, <state>, true],"
                                + " \"Transformed\": \"Yes\"}",
                        "{\"instance\": \"i-0123456789\", \"state\": [9, \"RUNNING\", true],"
                                + " \"Transformed\": \"Yes\"}"),
                row(EC2_PATHS, EC2, "{\"instance\": <instance>, \"ruleArn\": <aws.events.rule-arn>,"
                                + " \"ruleName\": <aws.events.rule-name>, \"originalEvent\": <aws.events.event.json>}",
                        "{\"instance\": \"i-0123456789\","
                                + " \"ruleArn\": \"arn:aws:events:us-east-2:123456789012:rule/example\","
                                + " \"ruleName\": \"example\", \"originalEvent\": " + EC2 + "}"),
                row(EC2_PATHS, EC2, "{\"timestamp\": <timestamp>,"
                                + " \"message\": \"instance \\\"<instance>\\\" is in <state>\"}",
                        "{\"timestamp\": \"2015-11-11T21:29:54Z\","
                                + " \"message\": \"instance \\\"i-0123456789\\\" is in RUNNING\"}"),
                // reserved variables
                row(Map.of(), EC2, "{\"envelope\": <aws.events.event>}", "{\"envelope\": " + EC2_WITHOUT_DETAIL + "}"),
                row(Map.of(), EC2, "{\"eventText\": \"<aws.events.event.json>\"}",
                        Fixtures.MAPPER.createObjectNode().put("eventText", json(EC2).toString()).toString()),
                row(Map.of(), EC2,
                        "{\"at\": <aws.events.event.ingestion-time>, \"s\": \"<aws.events.event.ingestion-time>\"}",
                        "{\"at\": \"2026-11-26T10:00:00Z\", \"s\": \"2026-11-26T10:00:00Z\"}"),
                // edge cases
                row(ORDER_PATHS, ORDER, "{\"name\": \"<name>\", \"quote\": <quote>, \"quoted\": \"<quote>\"}",
                        "{\"name\": \"Alice\", \"quote\": \"say \\\"hi\\\" \\\\ bye\","
                                + " \"quoted\": \"say \\\"hi\\\" \\\\ bye\"}"),
                row(ORDER_PATHS, ORDER,
                        "{\"c\": <customer>, \"t\": <tags>, \"f\": <first>, \"ok\": <ok>, \"n\": <none>}",
                        "{\"c\": {\"id\": 7, \"vip\": false}, \"t\": [\"a\", \"b\"],"
                                + " \"f\": \"a\", \"ok\": true, \"n\": null}"),
                row(ORDER_PATHS, ORDER,
                        "{\"a\": <missing>, \"b\": \"<missing>\", \"c\": [<missing>], \"d\": \"x<missing>y\"}",
                        "{\"a\": null, \"b\": \"\", \"c\": [null], \"d\": \"xy\"}"),
                row(ORDER_PATHS, ORDER, "{\"a\": \"<nobody>\", \"h\": <html>, \"l\": <lines>}",
                        "{\"a\": \"<nobody>\", \"h\": \"<name>\", \"l\": \"one\\ntwo\"}"),
                row(ORDER_PATHS, ORDER, "  \n [<name>, {\"nested\": {\"deeper\": [<customer>]}}]",
                        "[\"Alice\", {\"nested\": {\"deeper\": [{\"id\": 7, \"vip\": false}]}}]"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("jsonTemplates")
    void fillsJsonTemplatesAsJson(Map<String, String> paths, String event, String template, String expected) {
        String body = ShapeInput.shape(transformer(paths, template), event, CONTEXT);

        assertThat(json(body)).isEqualTo(json(expected));
    }

    static Stream<Arguments> spelledJsonTemplates() {
        return Stream.of(
                row(ORDER_PATHS, ORDER, "{ \"p\": <price>, \"b\": <big>,\n \"e\": <exp> }",
                        "{\"p\":1.50,\"b\":123456789012345678901234567890,\"e\":5e3}"),
                row(ORDER_PATHS, ORDER, "{\"s\": \"<price> <exp>\"}", "{\"s\":\"1.50 5e3\"}"),
                row(Map.of(), ORDER, "{\"o\": <aws.events.event>}",
                        "{\"o\":{\"version\":\"0\",\"id\":\"6f4d\",\"detail-type\":\"order placed\","
                                + "\"source\":\"shop\",\"account\":\"123456789012\",\"time\":\"2026-11-26T09:59:58Z\","
                                + "\"region\":\"eu-west-1\","
                                + "\"resources\":[]}}"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("spelledJsonTemplates")
    void keepsNumbersAsTheEventSpellsThemAndMinifies(Map<String, String> paths, String event, String template,
            String expected) {
        assertThat(ShapeInput.shape(transformer(paths, template), event, CONTEXT)).isEqualTo(expected);
    }

    private static Arguments row(Map<String, String> paths, String event, String template, String expected) {
        return Arguments.of(paths, event, template, expected);
    }

    private static String withoutDetail(String event) {
        ObjectNode copy = (ObjectNode) json(event);
        copy.remove("detail");
        return copy.toString();
    }
}
