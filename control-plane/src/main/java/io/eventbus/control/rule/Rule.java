package io.eventbus.control.rule;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.control.target.Warning;
import io.eventbus.core.target.InputTransformer;
import io.eventbus.core.target.RetryPolicy;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A rule as the API shows it, with its targets (secrets left out).
 *
 * @param warnings what deliveries will run into with this rule as it is, e.g. {@code EGRESS_BLOCKED}: a webhook
 *                 target at an address deliveries refuse here. In the answers of putRule and getRule, always
 *                 (empty when none), checked at that moment; not in listRules, which does not check
 */
public record Rule(String name, String bus, String description, JsonNode eventPattern, RuleState state,
                   List<Target> targets, Instant createdAt, Instant updatedAt,
                   @Schema(description = WARNINGS) @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<Warning> warnings,
                   @JsonIgnore long version) {

    static final String WARNINGS = "What deliveries will run into with this rule as it is, e.g. EGRESS_BLOCKED: a"
            + " webhook target at an address deliveries refuse on this installation (loopback, private network,"
            + " link-local, cloud metadata), with the target's location. Always present in the answers of putRule"
            + " and getRule (empty when none), checked at that moment; left out of listRules. A warning does not"
            + " stop the rule from being saved.";

    /** This rule with {@code warnings}. */
    Rule withWarnings(List<Warning> found) {
        return new Rule(name, bus, description, eventPattern, state, targets, createdAt, updatedAt, List.copyOf(found),
                version);
    }

    /** A target as the API shows it; the block named like {@code type} holds its settings. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Target(String id, String type, JsonNode webhook, JsonNode queue, JsonNode bus, JsonNode rabbitmq,
                         JsonNode kafka, JsonNode nats, JsonNode input, String inputPath,
                         InputTransformer inputTransformer, RetryPolicy retryPolicy, String deadLetterQueue) {

        /** A target of {@code type} with its settings ({@code view}) in the block of that name. */
        static Target of(String id, String type, JsonNode view, JsonNode input, String inputPath,
                         InputTransformer inputTransformer, RetryPolicy retryPolicy, String deadLetterQueue) {
            Map<String, JsonNode> blocks = Map.of(type, view);
            return new Target(id, type, blocks.get("webhook"), blocks.get("queue"), blocks.get("bus"),
                    blocks.get("rabbitmq"), blocks.get("kafka"), blocks.get("nats"), input, inputPath, inputTransformer,
                    retryPolicy, deadLetterQueue);
        }
    }
}
