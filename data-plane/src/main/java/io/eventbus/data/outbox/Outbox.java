package io.eventbus.data.outbox;

import java.time.Duration;
import io.eventbus.core.delivery.DeliveryHold;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The durable log of accepted events and their pending deliveries (the transactional outbox). Ingestion and
 * delivery talk to this seam, never to its tables, so the log can move (to Kafka, past one PostgreSQL's write
 * rate) without touching them. Implementations are thread-safe.
 */
public interface Outbox {

    /**
     * Stores the events and their deliveries atomically. The future completes only after they are durable
     * (committed), in the order of {@code events}; it fails when they could not be stored, and then none was.
     */
    CompletableFuture<List<Appended>> append(List<NewEvent> events);

    /**
     * Hands a replay page's deliveries to this process' workers for their first attempt, as far as there is
     * {@link #spareRoom() spare room}, before anything of the page is stored: their outcomes (and deferrals) are
     * gathered by the page, not recorded one by one. Store the page with {@link #storeReplayed}.
     */
    PendingReplayPage sendReplayed(ReplayPage page);

    /**
     * Stores a replay page (its events stored again, their deliveries in the state their first attempt left them in,
     * with the attempts' logs and queue messages) and moves the replay's position, in ONE transaction, committed
     * without waiting for the WAL flush (a crash that undoes it undoes the position too, so the page is sent again:
     * at least once, as below; docs/adr/0016); only while {@code page.worker()} holds the replay's lease and the
     * replay is RUNNING.
     * Deliveries not handed off, or whose attempt has not ended yet, are stored due at once (their late outcomes are
     * dropped: the delivery is attempted again, at least once). Returns false, having stored nothing, when the lease
     * was lost or the replay is no longer RUNNING (cancelled); then the page is replayed again by whoever resumes the
     * replay, and its deliveries may arrive twice.
     */
    boolean storeReplayed(PendingReplayPage page);

    /**
     * Forgets a replay page without storing it (an earlier page could not be stored, so this one must not move the
     * position past it): its late outcomes are dropped, and whoever resumes the replay sends its events again.
     */
    void dropReplayed(PendingReplayPage page);

    /**
     * How many more deliveries this process' workers could take now without using the room kept for new events
     * (replays fill only this spare room, so live traffic keeps its latency); {@code whenNoWorkers} when this process
     * delivers nothing.
     */
    int spareRoom(int whenNoWorkers);

    /**
     * New deliveries go to {@code handOff} straight from the commit that stores them, as far as it has room; at most
     * one hand-off per outbox.
     */
    void handOffTo(HandOff handOff);

    /**
     * {@code listener} runs after each commit that stored deliveries not handed off (to wake the pollers); it must be
     * quick.
     */
    void onAppended(Runnable listener);

    /**
     * {@code listener} runs after each commit that put messages on built-in queues (deliveries to queue targets,
     * dead letters), with the names of those queues (to wake receives waiting on them); it must be quick.
     */
    void onQueued(Consumer<Set<String>> listener);

    /**
     * Takes up to {@code limit} due deliveries for {@code worker} with a lease of {@code lease}: no other worker,
     * in this process or another, gets them while the lease holds.
     */
    List<ClaimedDelivery> claimDue(String worker, int limit, Duration lease);

    /**
     * What the attempts of {@code claimed} need, by delivery id: the event, the target as configured now, how the
     * previous attempt ended. A delivery missing from the answer no longer exists.
     */
    Map<UUID, StoredAttempt> load(List<ClaimedDelivery> claimed);

    /** Makes deliveries whose lease expired available again (their worker died); returns how many. */
    int rescueExpiredLeases();

    /**
     * Records the outcome of a claimed attempt, together with others (group commit). The future says whether it
     * was recorded: false, changing nothing, when the worker no longer held the lease for this attempt (it expired
     * and the delivery was rescued); it fails when the outcome could not be recorded (then the lease expires and
     * the delivery is attempted again). The outcome's queue message, if any, is stored in the same transaction, so
     * it exists exactly when the outcome is recorded. The outcome of a replayed delivery handed off by
     * {@link #sendReplayed} goes to its page instead: true once the page holds it, and it is stored with the page.
     */
    CompletableFuture<Boolean> record(Outcome outcome);

    /**
     * Gives a claimed delivery back without attempting it (its target's circuit is open, or its rate is used up):
     * {@code AVAILABLE} again, due at {@code at}, its attempt not counted, held {@code why}. False when the lease was
     * lost. A replayed delivery handed off by {@link #sendReplayed} is stored so with its page.
     */
    boolean defer(String worker, ClaimedDelivery claimed, Instant at, DeliveryHold why);
}
