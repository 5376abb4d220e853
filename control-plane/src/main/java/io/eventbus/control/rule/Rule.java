package io.eventbus.control.rule;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.core.target.InputTransformer;
import io.eventbus.core.target.RetryPolicy;

import java.time.Instant;
import java.util.List;

/** A rule as the API shows it, with its targets (secrets left out). */
public record Rule(String name, String bus, String description, JsonNode eventPattern, RuleState state,
                   List<Target> targets, Instant createdAt, Instant updatedAt, @JsonIgnore long version) {

    /** A target as the API shows it; the block named like {@code type} holds its settings. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Target(String id, String type, JsonNode webhook, JsonNode queue, JsonNode input, String inputPath,
                         InputTransformer inputTransformer, RetryPolicy retryPolicy, String deadLetterQueue) {
    }
}
