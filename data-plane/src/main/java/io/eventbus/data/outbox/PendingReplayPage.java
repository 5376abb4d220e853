package io.eventbus.data.outbox;

import io.eventbus.core.delivery.DeliveryHold;
import io.eventbus.core.delivery.DeliveryState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A replay page whose deliveries were handed to this process' workers before anything of it was stored
 * ({@link Outbox#sendReplayed}): it gathers how each first attempt ended, until {@link Outbox#storeReplayed} stores
 * the page with them. Each delivery is stored once, in the state its first attempt left it in: a replayed delivery
 * costs one insert, not an insert and an update. Thread-safe: the workers settle deliveries while the replay's
 * thread looks at the page.
 */
public final class PendingReplayPage {

    /**
     * How one handed-off delivery's first attempt ended: an outcome, or given back until {@code deferredTo}, held
     * {@code heldBy}.
     */
    private record Ended(Outcome outcome, Instant deferredTo, DeliveryHold heldBy) {
    }

    /**
     * One delivery as it is to be stored.
     *
     * @param nextAttemptAt null: now
     * @param heldBy        why it was given back unattempted; null when it was not
     */
    record Row(UUID id, NewEvent event, NewEvent.NewDelivery delivery, DeliveryState state, int attempt,
               Instant nextAttemptAt, String lastError, DeliveryHold heldBy) {
    }

    private final ReplayPage page;
    private final Map<UUID, ClaimedDelivery> sent = new HashMap<>();
    private final Map<UUID, Ended> ended = new HashMap<>();
    private final long sentAt = System.nanoTime();
    private boolean closed;

    PendingReplayPage(ReplayPage page, List<ClaimedDelivery> sent) {
        this.page = page;
        sent.forEach(d -> this.sent.put(d.id(), d));
    }

    public ReplayPage page() {
        return page;
    }

    /** When its deliveries were handed off ({@link System#nanoTime()}). */
    public long sentAt() {
        return sentAt;
    }

    /** Whether every delivery handed off has ended its first attempt (or was given back): the page may be stored. */
    public synchronized boolean settled() {
        return ended.size() == sent.size();
    }

    synchronized List<UUID> sentIds() {
        return List.copyOf(sent.keySet());
    }

    /**
     * The end of a handed-off delivery's first attempt: true when the page holds it (and stores it with itself), false
     * when the page was stored before it came (and holds the delivery as due). The worker's room is free at once:
     * the page's own number in flight bounds what waits in memory.
     */
    synchronized boolean settle(Outcome outcome) {
        if (closed) {
            return false;
        }
        ended.put(outcome.claimed().id(), new Ended(outcome, null, null));
        return true;
    }

    /** A handed-off delivery given back unattempted (its target's circuit is open, or its rate is used up). */
    synchronized boolean defer(ClaimedDelivery claimed, Instant at, DeliveryHold why) {
        if (closed) {
            return false;
        }
        ended.put(claimed.id(), new Ended(null, at, why));
        return true;
    }

    /**
     * Closes the page to late outcomes and returns its rows: what ended as it ended, the rest (not handed off, or
     * still under way) {@code AVAILABLE} with no attempt counted.
     */
    synchronized List<Row> close() {
        closed = true;
        List<Row> rows = new ArrayList<>(page.deliveries());
        for (NewEvent e : page.events()) {
            for (NewEvent.NewDelivery d : e.deliveries()) {
                Ended end = ended.get(d.id());
                if (end == null || end.outcome() == null) {
                    rows.add(new Row(d.id(), e, d, DeliveryState.AVAILABLE, 0,
                            end == null ? null : end.deferredTo(), null, end == null ? null : end.heldBy()));
                } else {
                    Outcome o = end.outcome();
                    rows.add(new Row(d.id(), e, d, o.next(), o.claimed().attempt(), o.nextAttemptAt(), o.lastError(),
                            null));
                }
            }
        }
        return rows;
    }

    /** The outcomes gathered (after {@link #close()}): their attempt logs and queue messages are stored too. */
    synchronized List<Outcome> outcomes() {
        return ended.values().stream().filter(e -> e.outcome() != null).map(Ended::outcome).toList();
    }
}
