package io.eventbus.control.sandbox;

import io.eventbus.control.openapi.ProblemResponse;
import io.eventbus.core.problem.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.core.json.JsonText;
import io.eventbus.core.pattern.EventPattern;
import io.eventbus.core.pattern.TestEventPattern;
import io.eventbus.core.role.ControlRole;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code POST /v1/test-event-pattern}: does this pattern match this event, exactly as EventBridge would answer?
 * Pure computation, no database. An invalid pattern is a 400 {@code InvalidEventPattern}; an event that is not a
 * JSON object with the envelope fields is a 400 {@code InvalidEvent}.
 */
@Controller("/v1/test-event-pattern")
@ControlRole
@Tag(name = "rules")
@ApiResponse(responseCode = "400", description = ProblemResponse.BAD_REQUEST, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = ProblemResponse.UNAUTHORIZED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
class TestEventPatternController {

    /**
     * Pattern and event as JSON objects, or as strings holding them (keeps duplicate keys and number spellings
     * exactly as written).
     */
    record TestEventPatternRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, type = "object") JsonNode eventPattern,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, type = "object") JsonNode event) {
    }

    record TestEventPatternResult(boolean result) {
    }

    @Operation(operationId = "testEventPattern")
    @Post
    TestEventPatternResult test(@Body TestEventPatternRequest body) {
        EventPattern pattern = EventPattern.parse(JsonText.of("eventPattern", body.eventPattern()));
        return new TestEventPatternResult(TestEventPattern.matches(pattern, JsonText.of("event", body.event())));
    }
}
