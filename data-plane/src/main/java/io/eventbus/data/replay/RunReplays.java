package io.eventbus.data.replay;

import io.eventbus.core.change.ConfigChannel;
import io.eventbus.core.replay.ReplayState;
import io.eventbus.core.role.DataRole;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The replay workers of this data plane: {@code eventbus.replay.concurrency} threads, each taking the oldest active
 * replay no process holds (or whose holder stopped renewing its lease: a crash) and running it to its end
 * ({@link ReplayWindow}). Idle threads look every {@code poll-interval}, and at once when the control plane announces
 * {@code replay:<name>} (a new replay, a cancel). Loops never die: a failure is logged and the replay is released for
 * the next try. Off with {@code eventbus.replay.enabled=false}. Thread-safe.
 */
@Context
@DataRole
@Requires(property = "eventbus.replay.enabled", notEquals = "false")
final class RunReplays implements ConfigChannel.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(RunReplays.class);
    static final String ANNOUNCED = "replay:";

    private final ReplayRows rows;
    private final ReplayWindow window;
    private final ReplaySettings settings;
    private final String worker = ManagementFactory.getRuntimeMXBean().getName() + "/replay/" + UUID.randomUUID();
    private final Semaphore wake = new Semaphore(0);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    RunReplays(ReplayRows rows, ReplayWindow window, ReplaySettings settings) {
        this.rows = rows;
        this.window = window;
        this.settings = settings;
    }

    @EventListener
    void start(StartupEvent event) {
        for (int i = 0; i < Math.max(1, settings.concurrency()); i++) {
            Thread t = new Thread(this::loop, "eventbus-replay-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    @Override
    public void announced(String payload) {
        if (payload.startsWith(ANNOUNCED)) {
            wake.release(threads.size());
        }
    }

    @Override
    public void missedAnnouncements() {
        wake.release(threads.size());
    }

    private void loop() {
        while (running) {
            try {
                if (!runOne()) {
                    wake.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                LOG.warn("the replay worker failed ({}); it looks again in {}", e.toString(), settings.pollInterval());
                sleep();
            }
        }
    }

    /** Takes and runs one replay; false when there was none to take. */
    private boolean runOne() throws SQLException {
        Optional<ClaimedReplay> taken = rows.take(worker, settings.lease());
        if (taken.isEmpty()) {
            return false;
        }
        ClaimedReplay replay = taken.get();
        try {
            window.run(replay, worker, () -> running);
        } catch (IllegalArgumentException e) {
            LOG.warn("replay={} cannot go on: {}", replay.name(), e.getMessage());
            rows.finish(replay.id(), worker, ReplayState.FAILED, e.getMessage(),
                    ReplayState.RUNNING, ReplayState.CANCELLING);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("replay={} stopped on an error ({}); it is released and resumes where it was", replay.name(),
                    e.toString());
            rows.release(replay.id(), worker);
            sleep();
        }
        return true;
    }

    private void sleep() {
        try {
            Thread.sleep(settings.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        wake.release(threads.size());
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}
