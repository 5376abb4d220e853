package io.eventbus.control.explorer;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One line of the event list: what the event is, and how many of its deliveries are in each state
 * ({@code io.eventbus.core.delivery.DeliveryState} names; empty when it matched no rule).
 *
 * @param ingestedAt the row's ingestion time: with {@code id}, what names a replayed copy
 *                   ({@code GET /v1/events/{id}?at=<ingestedAt>}), as copies keep the original's id
 * @param replayName the replay that stored this copy of the event; null for the event as it was put
 */
public record EventSummary(UUID id, String bus, Instant ingestedAt, Instant time, String source, String detailType,
                           @JsonInclude(JsonInclude.Include.ALWAYS) String replayName,
                           Map<String, Integer> deliveries) {
}
