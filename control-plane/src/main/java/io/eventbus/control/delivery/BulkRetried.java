package io.eventbus.control.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/**
 * What {@code POST /v1/deliveries:retry} did.
 *
 * @param matched       deliveries that match the filter
 * @param retried       of them, made {@code AVAILABLE}: 0 on a dry run
 * @param remaining     matching deliveries left as they were (past the limit, or under way at that moment)
 * @param ratePerSecond how fast they come due
 * @param lastDueAt     when the last of them is due: the retry's end, give or take the workers' pace; absent when
 *                      none was retried
 * @param id            the bulk retry, to follow ({@code GET /v1/bulk-retries/{id}}) or cancel; absent when none was
 *                      retried
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BulkRetried(boolean dryRun, long matched, long retried, long remaining, int ratePerSecond,
                          Instant lastDueAt, UUID id) {
}
