package io.eventbus.control.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery after {@code :retry}: {@code AVAILABLE}, due now; the data plane's poller takes it within its idle poll
 * (a second by default). Its next attempt is number {@code attempts + 1}.
 *
 * @param previousState the state it was retried from: {@code RETRYABLE} or {@code DEAD_LETTERED}
 * @param lastError     the last attempt's error, kept until the next attempt ends
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RetriedDelivery(UUID id, UUID eventId, Instant eventIngestedAt, String bus, String rule,
                              String target, String state, String previousState, int attempts, Instant nextAttemptAt,
                              String lastError) {
}
