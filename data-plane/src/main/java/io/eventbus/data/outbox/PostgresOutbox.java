package io.eventbus.data.outbox;

import io.eventbus.core.delivery.DeliveryHold;
import io.eventbus.core.delivery.DeliveryState;
import io.eventbus.core.role.DataRole;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The outbox in PostgreSQL, written with group commit ({@link GroupCommit}; ADR 0004 and 0008):
 * <ul>
 *     <li>appends: concurrent requests' events share transactions (up to {@code eventbus.outbox.max-batch-events}
 *     each), and each request's future completes after its commit; past {@code max-pending} waiting requests,
 *     {@link #append} refuses with 503 rather than buffering without limit. Deliveries the {@link HandOff} has room
 *     for are stored leased to it and handed over after the commit;</li>
 *     <li>outcomes of attempts: many share one transaction, committed without waiting for the WAL flush, since a
 *     crash that undoes one leaves the delivery {@code RUNNING} under a lease that expires, and it is attempted
 *     again (at least once, never lost). Claims and deferrals commit the same way, for the same reason;</li>
 *     <li>replay pages: one transaction each, also without waiting for the WAL flush: a crash that undoes one
 *     undoes the replay's position with it, and the page is replayed again from the archive.</li>
 * </ul>
 * Thread-safe.
 */
@Singleton
@DataRole
final class PostgresOutbox implements Outbox {

    /**
     * Outcomes in one transaction at most: at 5,000 attempts a second a batch fills in 13 ms, so lingering never
     * holds more than a fraction of the workers' room.
     */
    private static final int MAX_OUTCOMES_PER_COMMIT = 64;
    private static final int MAX_PENDING_OUTCOMES = 100_000;

    /** One request's events, and which of their deliveries were reserved for the hand-off. */
    private record Request(List<NewEvent> events, Set<UUID> leased) {
    }

    private record Stored(List<Appended> appended, List<ClaimedDelivery> leased, int unleased) {
    }

    private final DataSource dataSource;
    private final GroupCommit<Request, Stored> appends;
    private final GroupCommit<Outcome, Boolean> outcomes;
    private final DistributionSummary batchSize;
    private final Timer commitTime;
    private final List<Runnable> appendedListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Set<String>>> queuedListeners = new CopyOnWriteArrayList<>();
    private volatile HandOff handOff;
    /** The replay pages under way, by the ids of their deliveries handed off: their outcomes go to the page. */
    private final Map<UUID, PendingReplayPage> pendingReplays = new ConcurrentHashMap<>();

    PostgresOutbox(DataSource dataSource, Optional<DataSourceResolver> resolver, OutboxSettings settings,
                   @Nullable MeterRegistry meters) {
        this.dataSource = resolver.orElse(DataSourceResolver.DEFAULT).resolve(dataSource);
        this.batchSize = meters == null ? null : DistributionSummary.builder("eventbus.outbox.batch.events")
                .description("Events stored per group-commit transaction").publishPercentileHistogram()
                .register(meters);
        this.commitTime = meters == null ? null : Timer.builder("eventbus.outbox.commit")
                .description("Time to store one group-commit batch").publishPercentileHistogram().register(meters);
        this.appends = new GroupCommit<>("outbox-writer", "The events could not be stored; none of them was. Retry"
                + " shortly.", this.dataSource, settings.writers(), settings.maxPending(),
                GroupCommit.Batching.whileArriving(r -> r.events().size(), settings.maxBatchEvents(),
                        settings.linger().toNanos()), true, this::store,
                this::stored);
        this.outcomes = new GroupCommit<>("outcome-writer", "The outcomes could not be recorded", this.dataSource, 1,
                MAX_PENDING_OUTCOMES, outcomeBatching(settings), false, RecordOutcome::record, this::recorded);
    }

    /**
     * Outcomes wait on nobody (the receiver has its event), so the writer lingers for more to share a transaction;
     * not when one carries a queue message, which a consumer may be waiting for, nor while the workers are short of
     * room, which recording outcomes frees.
     */
    private GroupCommit.Batching<Outcome> outcomeBatching(OutboxSettings settings) {
        return GroupCommit.Batching.lingering(o -> 1, MAX_OUTCOMES_PER_COMMIT, settings.outcomeLinger().toNanos(),
                o -> o.message() != null || roomShort());
    }

    private boolean roomShort() {
        HandOff to = handOff;
        return to != null && to.roomShort();
    }

    @EventListener
    void start(StartupEvent event) {
        appends.start();
        outcomes.start();
    }

    @Override
    public CompletableFuture<List<Appended>> append(List<NewEvent> events) {
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        HandOff to = handOff;
        int deliveries = events.stream().mapToInt(e -> e.deliveries().size()).sum();
        int reserved = to == null || deliveries == 0 ? 0 : to.reserve(deliveries);
        CompletableFuture<Stored> stored = appends.submit(new Request(events, firstDeliveries(events, reserved)),
                "Eventbus is storing as fast as it can and its queue is full; retry shortly");
        if (reserved == 0) {
            return stored.thenApply(Stored::appended);
        }
        return stored.whenComplete((s, error) -> {
            if (error != null) {
                to.cancel(reserved);
            } else if (s.unleased() > 0) {
                to.cancel(s.unleased());
            }
        }).thenApply(Stored::appended);
    }

    @Override
    public PendingReplayPage sendReplayed(ReplayPage page) {
        HandOff to = handOff;
        int reserved = to == null || page.deliveries() == 0 ? 0 : to.reserveSpare(page.deliveries());
        List<ClaimedDelivery> sent = new ArrayList<>(reserved);
        if (reserved > 0) {
            Set<UUID> first = firstDeliveries(page.events(), reserved);
            Instant leaseEnds = Instant.now().plus(to.lease());
            for (NewEvent e : page.events()) {
                for (NewEvent.NewDelivery d : e.deliveries()) {
                    if (first.contains(d.id())) {
                        sent.add(new ClaimedDelivery(d.id(), e.id(), e.ingestedAt(), e.busId(), d.ruleName(),
                                d.targetId(), 1, leaseEnds, e.envelope()));
                    }
                }
            }
        }
        PendingReplayPage pending = new PendingReplayPage(page, sent);
        sent.forEach(d -> pendingReplays.put(d.id(), pending));
        if (!sent.isEmpty()) {
            to.take(sent);
        }
        return pending;
    }

    @Override
    public boolean storeReplayed(PendingReplayPage pending) {
        ReplayPage page = pending.page();
        List<PendingReplayPage.Row> rows = pending.close();
        List<Outcome> ended = pending.outcomes();
        boolean stored;
        try (Connection c = dataSource.getConnection()) {
            stored = Transactions.undurable(c, () -> {
                if (!WriteReplayPage.movePosition(c, page)) {
                    return false; // the lease was lost or the replay is no longer RUNNING: nothing is written
                }
                WriteReplayPage.store(c, page, rows, ended);
                return true;
            });
        } catch (SQLException | RuntimeException e) {
            throw new IllegalStateException("storing a page of replay " + page.replayName() + " failed: "
                    + e.getMessage(), e);
        } finally {
            pending.sentIds().forEach(pendingReplays::remove);
        }
        if (stored) {
            recorded(ended, ended.stream().map(o -> true).toList());
            if (rows.stream().anyMatch(r -> r.state() == DeliveryState.AVAILABLE)) {
                appendedListeners.forEach(Runnable::run);
            }
        }
        return stored;
    }

    @Override
    public void dropReplayed(PendingReplayPage pending) {
        pending.close();
        pending.sentIds().forEach(pendingReplays::remove);
    }

    @Override
    public int spareRoom(int whenNoWorkers) {
        HandOff to = handOff;
        return to == null ? whenNoWorkers : to.spare();
    }

    /** The ids of the first {@code count} deliveries of {@code events}: those reserved for the hand-off. */
    private static Set<UUID> firstDeliveries(List<NewEvent> events, int count) {
        if (count == 0) {
            return Set.of();
        }
        Set<UUID> first = new HashSet<>();
        for (NewEvent e : events) {
            for (NewEvent.NewDelivery d : e.deliveries()) {
                if (first.size() == count) {
                    return first;
                }
                first.add(d.id());
            }
        }
        return first;
    }

    /** One group-commit batch of requests: atomic on its own ({@link WriteBatch#write}). */
    private List<Stored> store(Connection c, List<Request> requests) throws SQLException {
        long started = System.nanoTime();
        List<NewEvent> all = new ArrayList<>();
        Set<UUID> leased = new HashSet<>();
        requests.forEach(r -> {
            all.addAll(r.events());
            leased.addAll(r.leased());
        });
        HandOff to = handOff;
        WriteBatch.Leases leases = leased.isEmpty() || to == null ? WriteBatch.Leases.NONE
                : new WriteBatch.Leases(to.worker(), to.lease(), leased);
        WriteBatch.Written written = WriteBatch.write(c, all, leases);
        Map<UUID, ClaimedDelivery> leasedById = new HashMap<>();
        written.leased().forEach(d -> leasedById.put(d.id(), d));
        List<Stored> result = new ArrayList<>(requests.size());
        int from = 0;
        for (Request r : requests) {
            int until = from + r.events().size();
            List<ClaimedDelivery> mine = r.leased().stream().map(leasedById::get).filter(Objects::nonNull).toList();
            result.add(new Stored(List.copyOf(written.appended().subList(from, until)), mine,
                    r.leased().size() - mine.size()));
            from = until;
        }
        if (batchSize != null) {
            batchSize.record(all.size());
            commitTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
        return result;
    }

    /** After an append commit: hand over the leased deliveries, and wake the pollers for the others. */
    private void stored(List<Request> requests, List<Stored> results) {
        HandOff to = handOff;
        List<ClaimedDelivery> leased = new ArrayList<>();
        results.forEach(s -> leased.addAll(s.leased()));
        if (to != null && !leased.isEmpty()) {
            to.take(leased);
        }
        long deliveries = requests.stream().flatMap(r -> r.events().stream()).mapToLong(e -> e.deliveries().size()).sum();
        if (deliveries > leased.size()) { // some were stored AVAILABLE (or were duplicates: a needless wake-up)
            appendedListeners.forEach(Runnable::run);
        }
    }

    /** After an outcome commit: tell who waits on the queues that got messages. */
    private void recorded(List<Outcome> recorded, List<Boolean> held) {
        Set<String> queues = new HashSet<>();
        for (int i = 0; i < recorded.size(); i++) {
            if (held.get(i) && recorded.get(i).message() != null) {
                queues.add(recorded.get(i).message().queue());
            }
        }
        if (!queues.isEmpty()) {
            queuedListeners.forEach(l -> l.accept(queues));
        }
    }

    @Override
    public void onQueued(Consumer<Set<String>> listener) {
        queuedListeners.add(listener);
    }

    @Override
    public void handOffTo(HandOff handOff) {
        if (this.handOff != null) {
            throw new IllegalStateException("deliveries are already handed off to " + this.handOff.worker());
        }
        this.handOff = handOff;
    }

    @Override
    public void onAppended(Runnable listener) {
        appendedListeners.add(listener);
    }

    @Override
    public List<ClaimedDelivery> claimDue(String worker, int limit, Duration lease) {
        try (Connection c = dataSource.getConnection()) {
            return Transactions.undurable(c, () -> ClaimDueDeliveries.claim(c, worker, limit, lease));
        } catch (SQLException e) {
            throw new IllegalStateException("claiming deliveries failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<UUID, StoredAttempt> load(List<ClaimedDelivery> claimed) {
        try (Connection c = dataSource.getConnection()) {
            return ReadAttempts.read(c, claimed);
        } catch (SQLException e) {
            throw new IllegalStateException("the deliveries' targets could not be read: " + e.getMessage(), e);
        }
    }

    @Override
    public int rescueExpiredLeases() {
        try (Connection c = dataSource.getConnection()) {
            return RescueExpiredLeases.rescue(c);
        } catch (SQLException e) {
            throw new IllegalStateException("rescuing expired leases failed: " + e.getMessage(), e);
        }
    }

    @Override
    public CompletableFuture<Boolean> record(Outcome outcome) {
        PendingReplayPage replayed = pendingReplays.get(outcome.claimed().id());
        if (replayed != null) {
            return CompletableFuture.completedFuture(replayed.settle(outcome));
        }
        return outcomes.submit(outcome, "too many outcomes are waiting to be recorded");
    }

    @Override
    public boolean defer(String worker, ClaimedDelivery claimed, Instant at, DeliveryHold why) {
        PendingReplayPage replayed = pendingReplays.get(claimed.id());
        if (replayed != null) {
            return replayed.defer(claimed, at, why);
        }
        try (Connection c = dataSource.getConnection()) {
            return Transactions.undurable(c, () -> RecordOutcome.defer(c, worker, claimed, at, why));
        } catch (SQLException e) {
            throw new IllegalStateException("deferring a delivery failed: " + e.getMessage(), e);
        }
    }

    /** Stops taking requests, stores what is queued, then stops the writers. */
    @PreDestroy
    void stop() throws InterruptedException {
        appends.stop("Eventbus is shutting down; retry on another instance");
        outcomes.stop("Eventbus is shutting down");
    }
}
