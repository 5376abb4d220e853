package io.eventbus.core.transform;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Events, paths and the rule context the input-shaping tables share. */
final class Fixtures {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static final Context CONTEXT = new Context("example", "arn:aws:events:us-east-2:123456789012:rule/example",
            Instant.parse("2026-11-26T10:00:00Z"));

    /** The EC2 event of EventBridge's "Input transform examples". */
    static final String EC2 = """
            {
              "version": "0",
              "id": "7bf73129-1428-4cd3-a780-95db273d1602",
              "detail-type": "EC2 Instance State-change Notification",
              "source": "aws.ec2",
              "account": "123456789012",
              "time": "2015-11-11T21:29:54Z",
              "region": "us-east-1",
              "resources": [
                "arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"
              ],
              "detail": {
                "instance-id": "i-0123456789",
                "state": "RUNNING"
              }
            }""";

    /** The Input Path of the same examples. */
    static final Map<String, String> EC2_PATHS = Map.of(
            "timestamp", "$.time", "instance", "$.detail.instance-id", "state", "$.detail.state",
            "detail", "$.detail", "missing", "$.detail.nothing-here",
            "aws.events.rule-name", "$.detail.state");

    /** Edge cases: quotes and escapes in values, numbers spelled oddly, nested values, {@code <>} in a value. */
    static final String ORDER = """
            {"version":"0","id":"6f4d","detail-type":"order placed","source":"shop","account":"123456789012",
             "time":"2026-11-26T09:59:58Z","region":"eu-west-1","resources":[],
             "detail":{"name":"Alice","quote":"say \\"hi\\" \\\\ bye","price":1.50,
               "big":123456789012345678901234567890,"exp":5e3,"ok":true,"none":null,"tags":["a","b"],
               "customer":{"id":7,"vip":false},"key with space":"spaced","lines":"one\\ntwo","html":"<name>"}}""";

    static final Map<String, String> ORDER_PATHS = Map.ofEntries(
            Map.entry("name", "$.detail.name"), Map.entry("quote", "$.detail.quote"),
            Map.entry("price", "$.detail.price"), Map.entry("big", "$.detail.big"), Map.entry("exp", "$.detail.exp"),
            Map.entry("ok", "$.detail.ok"), Map.entry("none", "$.detail.none"),
            Map.entry("customer", "$.detail.customer"), Map.entry("tags", "$.detail.tags"),
            Map.entry("first", "$.detail.tags[0]"), Map.entry("lines", "$.detail.lines"),
            Map.entry("html", "$.detail.html"), Map.entry("missing", "$.detail.nothing-here"));

    private Fixtures() {
    }

    static JsonNode transformer(Map<String, String> paths, String template) {
        ObjectNode transformer = MAPPER.createObjectNode();
        transformer.set("inputPathsMap", MAPPER.valueToTree(paths));
        transformer.put("inputTemplate", template);
        ObjectNode shaping = MAPPER.createObjectNode();
        shaping.set("inputTransformer", transformer);
        return shaping;
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("test JSON is invalid: " + text, e);
        }
    }
}
