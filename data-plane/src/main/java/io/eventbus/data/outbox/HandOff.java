package io.eventbus.data.outbox;

import java.time.Duration;
import java.util.List;

/**
 * Where new deliveries go straight from the commit that stores them, without waiting for a claim: the delivery
 * workers of this process. Before a batch is stored, the outbox asks how many of its deliveries the workers have
 * room for; those are stored already {@code RUNNING}, leased to {@link #worker()} for their first attempt, and
 * given to {@link #take} after the commit. The rest are stored {@code AVAILABLE} for the pollers (of any replica).
 * Implementations are thread-safe and quick: the outbox calls them on its writer threads.
 */
public interface HandOff {

    /** Who holds the leases of the deliveries handed off. */
    String worker();

    /** How long a handed-off delivery is this worker's before another may rescue it. */
    Duration lease();

    /**
     * Reserves room for up to {@code wanted} deliveries about to be stored; returns how many this process will
     * take (0: none, they wait in the outbox for a claim).
     */
    int reserve(int wanted);

    /**
     * Room for work that must not slow new events (replays): never the share of the room kept for new events, and
     * none while a backlog waits.
     */
    int spare();

    /**
     * Less than half of the room is free: attempts' outcomes should be recorded without lingering, since recording
     * them is what frees room.
     */
    boolean roomShort();

    /** Reserves up to {@code wanted} of the {@link #spare()} room; returns how many (0: none). */
    int reserveSpare(int wanted);

    /** The deliveries reserved for, now stored and leased to {@link #worker()}. */
    void take(List<ClaimedDelivery> leased);

    /** Room reserved for deliveries that were not stored (their commit failed, or their event was a duplicate). */
    void cancel(int reserved);
}
