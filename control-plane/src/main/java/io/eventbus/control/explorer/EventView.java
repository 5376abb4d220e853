package io.eventbus.control.explorer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One event as the explorer shows it: the envelope, the rules it matched, and every delivery with its attempts.
 *
 * @param schemaProblem why the event's schema refused its detail, when its bus only warns of that
 *                      ({@code schemaValidation} WARN); absent when it was not checked or passed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventView(UUID id, String bus, Instant ingestedAt, JsonNode event, String schemaProblem,
                        List<String> matchedRules, List<Delivery> deliveries) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivery(UUID id, String rule, String target, String state, int attempts, Instant nextAttemptAt,
                           String lastError, List<Attempt> attemptLog) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(int attempt, Instant at, Integer status, long latencyMillis, String error, String response) {
    }
}
