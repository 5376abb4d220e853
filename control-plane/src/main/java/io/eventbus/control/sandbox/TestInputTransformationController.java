package io.eventbus.control.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.control.openapi.ProblemResponse;
import io.eventbus.control.target.ValidateTarget;
import io.eventbus.core.json.JsonText;
import io.eventbus.core.name.Names;
import io.eventbus.core.problem.Problem;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.ControlRole;
import io.eventbus.core.target.InputTransformer;
import io.eventbus.core.transform.Context;
import io.eventbus.core.transform.ShapeInput;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Instant;

/**
 * {@code POST /v1/test-input-transformation}: what a target with this input shaping would receive for this event,
 * computed by the same code the delivery uses ({@link ShapeInput}). The shaping is checked as in a rule's target;
 * a shaping that cannot be applied to the event (a JSON template whose result is not JSON) is a 400
 * {@code InputTransformationFailed}, the failure a delivery would record as {@code INPUT_TRANSFORMATION_FAILED}.
 * Pure computation, no database.
 */
@Controller("/v1/test-input-transformation")
@ControlRole
@Tag(name = "rules")
@ApiResponse(responseCode = "400", description = ProblemResponse.BAD_REQUEST, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = ProblemResponse.UNAUTHORIZED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
class TestInputTransformationController {

    static final String DEFAULT_BUS = "default";
    static final String DEFAULT_RULE = "test-rule";

    private final ValidateTarget validate;
    private final ObjectMapper json;

    TestInputTransformationController(ValidateTarget validate, ObjectMapper json) {
        this.validate = validate;
        this.json = json;
    }

    /**
     * The event, and at most one of {@code input}, {@code inputPath}, {@code inputTransformer} as in a target
     * (none: the event unchanged). {@code bus} and {@code ruleName} fill {@code <aws.events.rule-name>} and
     * {@code <aws.events.rule-arn>} (whose account and region are the event's); {@code ingestionTime} fills
     * {@code <aws.events.event.ingestion-time>} (default: now).
     */
    record TestInputTransformationRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, type = "object",
                    description = "The EventBridge envelope: a JSON object, or a string holding one") JsonNode event,
            @Schema(description = "constant JSON delivered instead of the event") @Nullable JsonNode input,
            @Schema(description = "JSONPath of the part of the event to deliver, e.g. $.detail") @Nullable String inputPath,
            @Nullable InputTransformer inputTransformer,
            @Schema(defaultValue = DEFAULT_BUS) @Nullable String bus,
            @Schema(defaultValue = DEFAULT_RULE) @Nullable String ruleName,
            @Nullable Instant ingestionTime) {
    }

    /** @param output the body the target would receive, exactly as it would be sent */
    record TestInputTransformationResult(String output) {
    }

    @Operation(operationId = "testInputTransformation")
    @Post
    TestInputTransformationResult test(@Body TestInputTransformationRequest body) {
        String event = JsonText.of("event", body.event());
        JsonNode envelope = object(event);
        JsonNode shaping = validate.inputShaping(body.input(), body.inputPath(), body.inputTransformer(), "");
        String bus = body.bus() == null ? DEFAULT_BUS : Names.require("bus", body.bus());
        String rule = body.ruleName() == null ? DEFAULT_RULE : Names.require("ruleName", body.ruleName());
        String arn = Context.ruleArn(envelope.path("region").asText("local"),
                envelope.path("account").asText("000000000000"), bus, rule);
        Instant ingested = body.ingestionTime() == null ? Instant.now() : body.ingestionTime();
        try {
            return new TestInputTransformationResult(ShapeInput.shape(shaping, event, new Context(rule, arn, ingested)));
        } catch (IllegalArgumentException e) {
            throw new InputTransformationFailed(shaping == null ? null : shaping.fieldNames().next(), e.getMessage());
        }
    }

    private JsonNode object(String event) {
        try {
            JsonNode node = json.readTree(event);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            throw new ValidationError("event", "event is not valid JSON: " + e.getOriginalMessage());
        }
        throw new ValidationError("event", "event must be a JSON object (the EventBridge envelope)");
    }

    /** HTTP 400, code {@code InputTransformationFailed}: the shaping is well-formed but fails on this event. */
    static final class InputTransformationFailed extends ValidationError {

        private static final long serialVersionUID = 1L;

        InputTransformationFailed(String location, String detail) {
            super("InputTransformationFailed", location, detail);
        }
    }
}
