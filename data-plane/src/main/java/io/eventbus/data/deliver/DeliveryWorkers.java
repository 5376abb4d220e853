package io.eventbus.data.deliver;

import io.eventbus.core.role.DataRole;
import io.eventbus.data.outbox.ClaimedDelivery;
import io.eventbus.data.outbox.Outbox;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs deliveries: a poller claims due deliveries (right after ingestion commits them: the outbox wakes it;
 * otherwise every {@code idle-poll} for retries, other replicas' work and rescued leases) and hands each to
 * {@link DeliverClaimed}. At most {@code max-in-flight} attempts run at once: the poller claims only what it has
 * room for, so nothing queues in memory without bound. Expired leases are rescued every few seconds. The loop
 * never dies. Off with {@code eventbus.delivery.enabled=false}.
 */
@Context
@DataRole
@Requires(property = "eventbus.delivery.enabled", notEquals = "false")
final class DeliveryWorkers implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorkers.class);
    private static final Duration RESCUE_EVERY = Duration.ofSeconds(5);

    private final Outbox outbox;
    private final DeliverClaimed deliver;
    private final DeliverySettings settings;
    private final String worker = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final Semaphore room;
    /** Claim when this much room is free (or nothing is under way): one claim per batch, not per finished attempt. */
    private final int minimumClaim;
    private final Semaphore wake = new Semaphore(0);
    private final ExecutorService attempts;
    private final Thread poller;
    private volatile boolean running = true;

    DeliveryWorkers(Outbox outbox, DeliverClaimed deliver, DeliverySettings settings) {
        this.outbox = outbox;
        this.deliver = deliver;
        this.settings = settings;
        this.room = new Semaphore(settings.maxInFlight());
        this.minimumClaim = Math.max(1, Math.min(settings.claimBatch(), settings.maxInFlight()) / 4);
        this.attempts = Executors.newFixedThreadPool(Math.min(32, settings.maxInFlight()), r -> {
            Thread t = new Thread(r, "eventbus-delivery");
            t.setDaemon(true);
            return t;
        });
        outbox.onAppended(() -> wake.release());
        this.poller = new Thread(this, "eventbus-delivery-poller");
        poller.setDaemon(true);
        poller.start();
    }

    @Override
    public void run() {
        long nextRescue = 0;
        while (running) {
            try {
                if (System.nanoTime() > nextRescue) {
                    int rescued = outbox.rescueExpiredLeases();
                    if (rescued > 0) {
                        LOG.warn("{} deliveries whose worker stopped mid-attempt are due again", rescued);
                    }
                    nextRescue = System.nanoTime() + RESCUE_EVERY.toNanos();
                }
                int free = room.availablePermits();
                if (free < minimumClaim && free < settings.maxInFlight()) {
                    // attempts are under way: wait until a batch worth a claim has finished
                    wake.tryAcquire(settings.idlePoll().toMillis(), TimeUnit.MILLISECONDS);
                    continue;
                }
                List<ClaimedDelivery> claimed = outbox.claimDue(worker, Math.min(free, settings.claimBatch()),
                        settings.lease());
                for (ClaimedDelivery delivery : claimed) {
                    room.acquire();
                    attempts.execute(() -> attempt(delivery));
                }
                if (claimed.isEmpty()) {
                    wake.tryAcquire(settings.idlePoll().toMillis(), TimeUnit.MILLISECONDS);
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

    private void attempt(ClaimedDelivery delivery) {
        try {
            deliver.deliver(worker, delivery).whenComplete((ok, error) -> {
                room.release();
                if (error != null) {
                    LOG.warn("delivery_id={} attempt={} failed unexpectedly; its lease will expire and it is tried"
                            + " again: {}", delivery.id(), delivery.attempt(), error.toString());
                }
                wake.release();
            });
        } catch (RuntimeException e) {
            room.release();
            LOG.warn("delivery_id={} attempt={} failed unexpectedly; its lease will expire and it is tried again: {}",
                    delivery.id(), delivery.attempt(), e.toString());
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
