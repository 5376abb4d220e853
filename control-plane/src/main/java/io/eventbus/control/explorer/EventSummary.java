package io.eventbus.control.explorer;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One line of the event list: what the event is, and how many of its deliveries are in each state
 * ({@code io.eventbus.core.delivery.DeliveryState} names; empty when it matched no rule).
 */
public record EventSummary(UUID id, String bus, Instant ingestedAt, Instant time, String source, String detailType,
                           Map<String, Integer> deliveries) {
}
