package io.eventbus.data.queue;

import io.eventbus.core.problem.Unavailable;
import io.eventbus.core.role.DataRole;
import io.eventbus.core.setting.EnvironmentVariable;
import io.eventbus.data.outbox.Outbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The queue consumer's receive, with long polling. A receive claims at once; when that finds nothing and the
 * caller may wait, the receive waits without a thread or a connection: its answer is a future, completed when
 * messages are claimed for it or with nothing when its time is up.
 * <p>
 * A waiting receive is woken (see {@link WaitingReceives}) at once when this process sends a message to its
 * queue, makes one visible, or puts one there as a delivery or dead letter ({@link Outbox#onQueued}), and otherwise
 * by a probe every {@code eventbus.queue.poll-interval} (250 ms): one
 * query for all queues with waiting receives, which sees what other processes sent, what deliveries put there,
 * and messages visible again after their visibility timeout or delay. No LISTEN/NOTIFY: NOTIFY serialises the
 * commits that send it, and would not tell of timeouts anyway. At most {@code eventbus.queue.max-long-polls}
 * receives wait at once; one more is refused with 503. Thread-safe.
 */
@Singleton
@DataRole
class ReceiveMessages {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiveMessages.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final QueueMessages messages;
    private final QueueSettings settings;
    private final ExecutorService claims;
    private final ScheduledExecutorService timer;
    private final Map<Long, WaitingReceives> byQueue = new ConcurrentHashMap<>();
    /** Ids of the queues receives have waited on, by name (deliveries name their queue). */
    private final Map<String, Long> idsByName = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile long lastWarned = System.nanoTime() - WARN_EVERY_NANOS;

    ReceiveMessages(QueueMessages messages, QueueSettings settings, Outbox outbox,
                    @Named(TaskExecutors.BLOCKING) ExecutorService claims, @Nullable MeterRegistry meters) {
        this.messages = messages;
        outbox.onQueued(names -> names.forEach(this::arrived));
        this.settings = settings;
        this.claims = claims;
        // Two threads: a slow probe query never holds back the time-outs of waiting receives.
        this.timer = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "eventbus-queue-long-polls");
            t.setDaemon(true);
            return t;
        });
        if (meters != null) {
            Gauge.builder("eventbus.queue.long_polls", waiting, AtomicInteger::get)
                    .description("Receives waiting for messages").register(meters);
        }
    }

    @EventListener
    void start(StartupEvent event) {
        long every = settings.pollInterval().toMillis();
        timer.scheduleWithFixedDelay(this::probe, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Messages of {@code claim}'s queue, at once if there are any; else, with {@code wait} above zero, as soon as
     * some arrive within it; else none.
     *
     * @throws Unavailable when {@code eventbus.queue.max-long-polls} receives wait already
     */
    CompletableFuture<List<ReceivedMessage>> receive(QueueMessages.Claim claim, Duration wait) {
        List<ReceivedMessage> now = messages.claim(claim);
        if (!now.isEmpty() || wait.isZero()) {
            return CompletableFuture.completedFuture(now);
        }
        if (waiting.incrementAndGet() > settings.maxLongPolls()) {
            waiting.decrementAndGet();
            throw new Unavailable(settings.maxLongPolls() + " receives are waiting for messages on this server"
                    + " already (" + EnvironmentVariable.of(QueueSettings.PREFIX + ".max-long-polls")
                    + "); try again, or receive with a shorter waitTimeSeconds");
        }
        idsByName.put(claim.queue().name(), claim.queue().id());
        WaitingReceives.Waiter waiter = new WaitingReceives.Waiter(claim);
        waiter.result.whenComplete((r, e) -> waiting.decrementAndGet());
        WaitingReceives queue = byQueue.compute(claim.queue().id(), (id, q) -> {
            WaitingReceives w = q == null ? new WaitingReceives(messages, claims) : q;
            w.add(waiter);
            return w;
        });
        timer.schedule(() -> queue.timeOut(waiter), wait.toMillis(), TimeUnit.MILLISECONDS);
        return waiter.result;
    }

    /** This process sent a message to the queue or made one visible: its waiting receives look at once. */
    void arrived(long queueId) {
        WaitingReceives queue = byQueue.get(queueId);
        if (queue != null) {
            queue.wake();
        }
    }

    /** A delivery or dead letter was put on the queue named so: its waiting receives look at once. */
    private void arrived(String queue) {
        Long id = idsByName.get(queue);
        if (id != null) {
            arrived(id);
        }
    }

    /** Receives waiting now. */
    int waiting() {
        return waiting.get();
    }

    private void probe() {
        try {
            List<Long> ids = new ArrayList<>();
            for (Long id : byQueue.keySet()) {
                WaitingReceives queue = byQueue.computeIfPresent(id, (k, q) -> q.idle() ? null : q);
                if (queue != null && queue.hasWaiters()) {
                    ids.add(id);
                }
            }
            if (!ids.isEmpty()) {
                messages.withVisibleMessages(ids).forEach(this::arrived);
            }
        } catch (RuntimeException e) {
            if (System.nanoTime() - lastWarned >= WARN_EVERY_NANOS) {
                lastWarned = System.nanoTime();
                LOG.warn("waiting receives could not look for messages ({}); they look again every {} ms and"
                        + " answer with nothing when their time is up", e.toString(), settings.pollInterval().toMillis());
            }
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        byQueue.values().forEach(WaitingReceives::abandon);
    }
}
