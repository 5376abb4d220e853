package io.eventbus.control.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * Where a bulk retry stands: of the deliveries it retried, how many were delivered, failed again (waiting for
 * their next retry, or dead-lettered again), are still waiting for the retry's attempt, were put back by a cancel, or
 * are gone (past their bus' retention). RUNNING while some wait; COMPLETED when none does; CANCELLED once cancelled.
 *
 * @param filter    the filter as asked: rule, target, states, from, to
 * @param lastDueAt when the last of them came due
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BulkRetryProgress(UUID id, String bus, JsonNode filter, int ratePerSecond, Instant createdAt,
                                String createdBy, Instant lastDueAt, Instant cancelledAt,
                                @Schema(type = "string", allowableValues = {"RUNNING", "COMPLETED", "CANCELLED"})
                                String state,
                                long total, long delivered, long failed, long waiting, long cancelled, long gone) {
}
