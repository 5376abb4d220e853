package io.eventbus.data.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One page of a replay, to be stored in one transaction with the replay's new position: the archived events it went
 * through that a chosen rule matched, each stored again under its original id with the replay's name (no idempotency
 * key, no archives), and their deliveries.
 *
 * @param replayId     the replay's row id
 * @param worker       who holds the replay's lease; the page is stored only while it still does
 * @param lease        how long the lease lasts from this page on
 * @param events       the replayed events with their deliveries (those no chosen rule matched are not among them)
 * @param goneThrough  archived events this page went through, matched or not
 * @param positionTime the event time of the last archived event gone through
 * @param positionId   its id
 */
public record ReplayPage(long replayId, String replayName, String worker, Duration lease, List<NewEvent> events,
                         int goneThrough, Instant positionTime, UUID positionId) {

    public int deliveries() {
        return events.stream().mapToInt(e -> e.deliveries().size()).sum();
    }
}
