package io.eventbus.control.sandbox;

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

    @Post
    TestEventPatternResult test(@Body TestEventPatternRequest body) {
        EventPattern pattern = EventPattern.parse(JsonText.of("eventPattern", body.eventPattern()));
        return new TestEventPatternResult(TestEventPattern.matches(pattern, JsonText.of("event", body.event())));
    }
}
