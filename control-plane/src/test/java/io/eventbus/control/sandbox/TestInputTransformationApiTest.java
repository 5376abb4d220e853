package io.eventbus.control.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.control.support.AdminApi.Reply;
import io.eventbus.control.support.ControlPlaneTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /v1/test-input-transformation}: what a target would receive, as the console's preview shows it. */
@MicronautTest
class TestInputTransformationApiTest extends ControlPlaneTest {

    private static final String EVENT = """
            {"version": "0", "id": "e-1", "detail-type": "Order Placed", "source": "shop.orders",
             "account": "123456789012", "time": "2026-11-26T10:00:00Z", "region": "eu-test", "resources": [],
             "detail": {"total": 120.50, "customer": "Ada \\"the\\" Lovelace"}}""";

    @Test
    void fillsATemplateWithPathsAndReservedVariables() {
        Reply reply = api.post("/v1/test-input-transformation", """
                {"event": %s, "bus": "orders", "ruleName": "big-orders", "ingestionTime": "2026-11-26T10:00:01Z",
                 "inputTransformer": {"inputPathsMap": {"total": "$.detail.total", "who": "$.detail.customer"},
                   "inputTemplate": "{\\"t\\": <total>, \\"msg\\": \\"<who> spent <total>\\", \\"rule\\": <aws.events.rule-arn>, \\"at\\": <aws.events.event.ingestion-time>}"}}
                """.formatted(EVENT));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("output").asText()).isEqualTo("{\"t\":120.50,\"msg\":\"Ada \\\"the\\\" Lovelace spent"
                + " 120.50\",\"rule\":\"arn:aws:events:eu-test:123456789012:rule/orders/big-orders\","
                + "\"at\":\"2026-11-26T10:00:01Z\"}");
    }

    @Test
    void inputPathSelectsAndNoShapingDeliversTheEventAsWritten() {
        String eventAsString = json(Map.of("event", EVENT, "inputPath", "$.detail"));
        assertThat(api.post("/v1/test-input-transformation", eventAsString).json().path("output").asText())
                .isEqualTo("{\"total\":120.50,\"customer\":\"Ada \\\"the\\\" Lovelace\"}");

        Reply whole = api.post("/v1/test-input-transformation", json(Map.of("event", EVENT)));
        assertThat(whole.json().path("output").asText()).as("byte for byte, as a delivery without shaping").isEqualTo(EVENT);

        Reply constant = api.post("/v1/test-input-transformation", """
                {"event": %s, "input": {"fixed": [1, 2]}}""".formatted(EVENT));
        assertThat(constant.json().path("output").asText()).isEqualTo("{\"fixed\":[1,2]}");
    }

    @Test
    void aShapingARuleWouldRefuseIsRefusedAtTheSameLocation() {
        Reply twoWays = api.post("/v1/test-input-transformation", """
                {"event": %s, "input": {}, "inputPath": "$.detail"}""".formatted(EVENT));
        assertThat(twoWays.problemCode(400)).isEqualTo("ValidationError");
        assertThat(twoWays.json().path("detail").asText()).contains("only one of input, inputPath and inputTransformer");

        Reply relative = api.post("/v1/test-input-transformation", """
                {"event": %s, "inputPath": "detail"}""".formatted(EVENT));
        assertThat(relative.problemCode(400)).isEqualTo("ValidationError");
        assertThat(relative.json().path("location").asText()).isEqualTo("inputPath");

        Reply noTemplate = api.post("/v1/test-input-transformation", """
                {"event": %s, "inputTransformer": {"inputPathsMap": {"t": "$.detail.total"}}}""".formatted(EVENT));
        assertThat(noTemplate.json().path("location").asText()).isEqualTo("inputTransformer.inputTemplate");
    }

    @Test
    void aTemplateThatGivesNoJsonFailsAsTheDeliveryWould() {
        Reply reply = api.post("/v1/test-input-transformation", """
                {"event": %s, "inputTransformer": {"inputPathsMap": {}, "inputTemplate": "{\\"t\\": <unknown>}"}}
                """.formatted(EVENT));

        assertThat(reply.problemCode(400)).isEqualTo("InputTransformationFailed");
        assertThat(reply.json().path("location").asText()).isEqualTo("inputTransformer");
        assertThat(reply.json().path("detail").asText()).contains("not valid JSON");
    }

    @Test
    void theEventMustBeAJsonObject() {
        Reply notJson = api.post("/v1/test-input-transformation", json(Map.of("event", "{\"id\": ")));
        assertThat(notJson.problemCode(400)).isEqualTo("ValidationError");
        assertThat(notJson.json().path("location").asText()).isEqualTo("event");

        Reply array = api.post("/v1/test-input-transformation", "{\"event\": [1]}");
        assertThat(array.json().path("location").asText()).isEqualTo("event");
        assertThat(api.post("/v1/test-input-transformation", "{}").json().path("location").asText()).isEqualTo("event");
    }

    private static String json(Map<String, String> fields) {
        try {
            return new ObjectMapper().writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
