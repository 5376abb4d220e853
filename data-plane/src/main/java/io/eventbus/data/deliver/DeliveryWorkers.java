package io.eventbus.data.deliver;

import io.eventbus.core.role.DataRole;
import io.eventbus.data.outbox.ClaimedDelivery;
import io.eventbus.data.outbox.HandOff;
import io.eventbus.data.outbox.Outbox;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * Runs deliveries, at most {@code max-in-flight} attempts at once (each holds a unit of room from its start until
 * its outcome is recorded, so nothing queues in memory without bound). Work comes two ways:
 * <ul>
 *     <li>handed off ({@link HandOff}): new deliveries, leased to this worker in the very commit that stores them,
 *     as far as there is room and no backlog waits (so a backlog is worked off oldest first). Their attempts start
 *     at once on the attempt threads when their targets were read recently, else through the poller, which reads
 *     them first;</li>
 *     <li>claimed: a poller claims due deliveries in batches when a quarter of the room is free, right after
 *     deliveries were stored without a lease, and otherwise every {@code idle-poll} (retries, other replicas'
 *     work, rescued leases). A hand-off that needs reading wakes the poller too, but it then only starts that
 *     work: a claim per handed-off batch would cost the database a transaction per new event for nothing.</li>
 * </ul>
 * Replays get only the spare room ({@link #spare()}): a quarter of the room is kept for new events, so a replay
 * never makes live deliveries wait.
 * The poller loads what a batch's attempts need in one statement ({@link LoadDelivery}) and hands each to
 * {@link DeliverClaimed}. Expired leases are rescued every few seconds. The loop never dies. Off with
 * {@code eventbus.delivery.enabled=false}.
 */
@Context
@DataRole
@Requires(property = "eventbus.delivery.enabled", notEquals = "false")
final class DeliveryWorkers implements Runnable, HandOff {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorkers.class);
    private static final Duration RESCUE_EVERY = Duration.ofSeconds(5);
    /** Attempts started by one task of the attempt threads: a thread wakes per task, not per attempt. */
    private static final int ATTEMPTS_PER_TASK = 32;

    private final Outbox outbox;
    private final LoadDelivery load;
    private final DeliverClaimed deliver;
    private final DeliverySettings settings;
    private final String worker = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final Semaphore room;
    /** Claim when this much room is free (or nothing is under way): one claim per batch, not per finished attempt. */
    private final int minimumClaim;
    /** Room that replays never take: new events find it free, and keep their latency while a replay runs. */
    private final int keptForNewEvents;
    private final Semaphore wake = new Semaphore(0);
    private final Queue<List<ClaimedDelivery>> handedOff = new ConcurrentLinkedQueue<>();
    /** Due deliveries may be waiting in the outbox: new ones are not handed off, so the oldest go first. */
    private volatile boolean backlog = true;
    /** Counts the appends that stored deliveries without a lease: a claim that ran meanwhile may have missed them. */
    private final AtomicLong unleasedAppends = new AtomicLong();
    /** The poller waits for room for a claim: the attempt that makes enough room wakes it. */
    private volatile boolean waitingForRoom;
    private final ExecutorService attempts;
    private final Thread poller;
    private volatile boolean running = true;

    DeliveryWorkers(Outbox outbox, LoadDelivery load, DeliverClaimed deliver, DeliverySettings settings) {
        this.outbox = outbox;
        this.load = load;
        this.deliver = deliver;
        this.settings = settings;
        this.room = new Semaphore(settings.maxInFlight());
        this.minimumClaim = Math.max(1, Math.min(settings.claimBatch(), settings.maxInFlight()) / 4);
        this.keptForNewEvents = Math.max(1, settings.maxInFlight() / 4);
        this.attempts = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "eventbus-delivery");
            t.setDaemon(true);
            return t;
        });
        this.poller = new Thread(this, "eventbus-delivery-poller");
        poller.setDaemon(true);
    }

    /** Takes hand-offs and claims due deliveries from now on. */
    @EventListener
    void start(StartupEvent event) {
        outbox.onAppended(() -> {
            unleasedAppends.incrementAndGet();
            backlog = true;
            wake.release();
        });
        outbox.handOffTo(this);
        poller.start();
    }

    @Override
    public String worker() {
        return worker;
    }

    @Override
    public Duration lease() {
        return settings.lease();
    }

    @Override
    public int reserve(int wanted) {
        if (!running || backlog) {
            return 0;
        }
        return acquireUpTo(wanted, room::availablePermits);
    }

    @Override
    public int spare() {
        return !running || backlog ? 0 : Math.max(0, room.availablePermits() - keptForNewEvents);
    }

    @Override
    public boolean roomShort() {
        return room.availablePermits() * 2 < settings.maxInFlight();
    }

    @Override
    public int reserveSpare(int wanted) {
        return acquireUpTo(wanted, this::spare);
    }

    /** Takes up to {@code wanted} units of room, no more than {@code available} says; returns how many. */
    private int acquireUpTo(int wanted, IntSupplier available) {
        while (true) {
            int take = Math.min(wanted, available.getAsInt());
            if (take <= 0) {
                return 0;
            }
            if (room.tryAcquire(take)) {
                return take;
            }
        }
    }

    /**
     * Starts the attempts at once when nothing needs reading for them (their targets were read recently); otherwise
     * the poller reads what they need and starts them.
     */
    @Override
    public void take(List<ClaimedDelivery> leased) {
        Map<UUID, LoadDelivery.Loaded> known = load.fromMemory(leased);
        if (known != null) {
            startLoaded(leased, known);
            return;
        }
        handedOff.add(leased);
        wake.release();
    }

    @Override
    public void cancel(int reserved) {
        room.release(reserved);
    }

    @Override
    public void run() {
        long nextRescue = 0;
        long nextIdleClaim = 0;
        while (running) {
            try {
                long now = System.nanoTime();
                if (now > nextRescue) {
                    int rescued = outbox.rescueExpiredLeases();
                    if (rescued > 0) {
                        LOG.warn("{} deliveries whose worker stopped mid-attempt are due again", rescued);
                        backlog = true;
                    }
                    nextRescue = now + RESCUE_EVERY.toNanos();
                }
                startHandedOff();
                // a handed-off batch alone is no reason to claim: only a backlog, or the idle poll for retries
                boolean full = false;
                if (backlog || now - nextIdleClaim >= 0) {
                    full = claim();
                    nextIdleClaim = System.nanoTime() + settings.idlePoll().toNanos();
                }
                if (!full) {
                    long waitNanos = Math.max(0, nextIdleClaim - System.nanoTime());
                    wake.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("the delivery poller failed ({}); it polls again in {}", e.toString(), settings.idlePoll());
                sleep(settings.idlePoll());
            }
        }
    }

    /** Starts every batch handed off since the last look, loaded together. */
    private void startHandedOff() {
        List<ClaimedDelivery> first = handedOff.poll();
        if (first == null) {
            return;
        }
        List<ClaimedDelivery> all = new ArrayList<>(first);
        List<ClaimedDelivery> more;
        while ((more = handedOff.poll()) != null) {
            all.addAll(more);
        }
        start(all);
    }

    /** Claims a batch if there is room for one; true when it filled it (more may be due at once). */
    private boolean claim() {
        int free = room.availablePermits();
        if (free < minimumClaim && free < settings.maxInFlight()) {
            // attempts are under way: wait until a batch worth a claim has finished (when there is a backlog;
            // otherwise until idle-poll, new deliveries or a handed-off batch)
            waitingForRoom = backlog;
            if (!backlog || room.availablePermits() < minimumClaim) {
                return false;
            }
            waitingForRoom = false;
            free = room.availablePermits();
        }
        int wanted = Math.min(free, settings.claimBatch());
        long appendsBefore = unleasedAppends.get();
        if (!room.tryAcquire(wanted)) {
            return true; // handed-off work took some room meanwhile: look again
        }
        List<ClaimedDelivery> claimed;
        try {
            claimed = outbox.claimDue(worker, wanted, settings.lease());
        } catch (RuntimeException e) {
            room.release(wanted);
            throw e;
        }
        room.release(wanted - claimed.size());
        boolean full = claimed.size() == wanted;
        backlog = full || unleasedAppends.get() != appendsBefore; // stored while the claim ran: not seen by it
        start(claimed);
        return full;
    }

    /** Starts the attempts of deliveries this worker holds a unit of room for each. */
    private void start(List<ClaimedDelivery> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<UUID, LoadDelivery.Loaded> loaded;
        try {
            loaded = load.load(batch);
        } catch (RuntimeException e) {
            room.release(batch.size());
            LOG.warn("{} deliveries could not be loaded ({}); their leases will expire and they are tried again",
                    batch.size(), e.toString());
            return;
        }
        startLoaded(batch, loaded);
    }

    /** Starts attempts on the attempt threads, with what they need. */
    private void startLoaded(List<ClaimedDelivery> batch, Map<UUID, LoadDelivery.Loaded> loaded) {
        for (int from = 0; from < batch.size(); from += ATTEMPTS_PER_TASK) {
            List<ClaimedDelivery> some = batch.subList(from, Math.min(batch.size(), from + ATTEMPTS_PER_TASK));
            attempts.execute(() -> some.forEach(delivery -> attempt(delivery, loaded.get(delivery.id()))));
        }
    }

    private void attempt(ClaimedDelivery delivery, LoadDelivery.Loaded loaded) {
        try {
            deliver.deliver(worker, delivery, loaded).whenComplete((ok, error) -> finished(delivery, error));
        } catch (RuntimeException e) {
            finished(delivery, e);
        }
    }

    /** An attempt ended, its outcome recorded unless {@code error}: its room is free again. */
    private void finished(ClaimedDelivery delivery, Throwable error) {
        if (error != null) {
            LOG.warn("delivery_id={} attempt={} failed unexpectedly; its lease will expire and it is tried again: {}",
                    delivery.id(), delivery.attempt(), error.toString());
        }
        room.release();
        if (waitingForRoom && room.availablePermits() >= minimumClaim) {
            waitingForRoom = false;
            wake.release();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        poller.interrupt();
        attempts.shutdown();
        attempts.awaitTermination(10, TimeUnit.SECONDS);
    }
}
