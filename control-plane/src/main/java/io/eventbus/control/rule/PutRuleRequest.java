package io.eventbus.control.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.control.target.TargetRequest;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * {@code PUT /v1/buses/{bus}/rules/{rule}}: the whole rule; it replaces what was there.
 *
 * @param eventPattern an EventBridge event pattern, as a JSON object or as a string holding one
 */
public record PutRuleRequest(
        String description,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, type = "object",
                description = "EventBridge event pattern: a JSON object, or a string holding one") JsonNode eventPattern,
        @Schema(defaultValue = "ENABLED") RuleState state,
        List<TargetRequest> targets) {
}
