package io.eventbus.data.outbox;

import io.eventbus.core.problem.Unavailable;
import io.eventbus.core.role.DataRole;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import io.eventbus.core.delivery.DeliveryState;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The outbox in PostgreSQL with group commit: concurrent requests queue their events, and a few writer threads
 * each take everything waiting (up to {@code eventbus.outbox.max-batch-events}) and store it in ONE transaction,
 * so many requests share one commit (one WAL flush). Each request's future completes after that commit. The
 * queue is bounded: past {@code max-pending} waiting requests, {@link #append} refuses with 503 rather than
 * buffering without limit. Writer loops never die; a failed transaction fails the requests in it, none of whose
 * events is stored. Thread-safe.
 */
@Singleton
@DataRole
final class PostgresOutbox implements Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresOutbox.class);

    private record Pending(List<NewEvent> events, CompletableFuture<List<Appended>> result) {
    }

    private final DataSource dataSource;
    private final OutboxSettings settings;
    private final BlockingQueue<Pending> queue;
    private final List<Thread> writers = new ArrayList<>();
    private final DistributionSummary batchSize;
    private final Timer commitTime;
    private volatile boolean running = true;
    private final List<Runnable> appendedListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    PostgresOutbox(DataSource dataSource, Optional<DataSourceResolver> resolver, OutboxSettings settings,
                   @Nullable MeterRegistry meters) {
        this.dataSource = resolver.orElse(DataSourceResolver.DEFAULT).resolve(dataSource);
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.maxPending());
        this.batchSize = meters == null ? null : DistributionSummary.builder("eventbus.outbox.batch.events")
                .description("Events stored per group-commit transaction").publishPercentileHistogram()
                .register(meters);
        this.commitTime = meters == null ? null : Timer.builder("eventbus.outbox.commit")
                .description("Time to store one group-commit batch").publishPercentileHistogram().register(meters);
        for (int i = 0; i < settings.writers(); i++) {
            Thread writer = new Thread(this::writeLoop, "eventbus-outbox-writer-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    @Override
    public CompletableFuture<List<Appended>> append(List<NewEvent> events) {
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        Pending pending = new Pending(events, new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            pending.result().completeExceptionally(new Unavailable("Eventbus is storing as fast as it can and "
                    + "its queue is full; retry shortly"));
        }
        return pending.result();
    }

    @Override
    public void onAppended(Runnable listener) {
        appendedListeners.add(listener);
    }

    @Override
    public List<ClaimedDelivery> claimDue(String worker, int limit, Duration lease) {
        try (Connection c = dataSource.getConnection()) {
            return ClaimDueDeliveries.claim(c, worker, limit, lease);
        } catch (SQLException e) {
            throw new IllegalStateException("claiming deliveries failed: " + e.getMessage(), e);
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
    public boolean record(String worker, ClaimedDelivery claimed, DeliveryState next, Instant nextAttemptAt,
                          String lastError, QueueMessage message, AttemptLog log) {
        if (next == DeliveryState.RUNNING || next == DeliveryState.AVAILABLE) {
            throw new IllegalArgumentException("an attempt ends DELIVERED, RETRYABLE or DEAD_LETTERED, not " + next);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean held = RecordOutcome.record(c, worker, claimed, next, nextAttemptAt, lastError, message, log);
                c.commit();
                return held;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("recording a delivery outcome failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean defer(String worker, ClaimedDelivery claimed, Instant at) {
        try (Connection c = dataSource.getConnection()) {
            return RecordOutcome.defer(c, worker, claimed, at);
        } catch (SQLException e) {
            throw new IllegalStateException("deferring a delivery failed: " + e.getMessage(), e);
        }
    }

    private void writeLoop() {
        while (running || !queue.isEmpty()) {
            List<Pending> batch = new ArrayList<>();
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int events = first.events().size();
                Pending next;
                while (events < settings.maxBatchEvents() && (next = queue.poll()) != null) {
                    batch.add(next);
                    events += next.events().size();
                }
                write(batch, events);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(batch, e);
                return;
            } catch (Exception e) {
                LOG.error("storing a batch of {} request(s) failed; they are answered with an error and the"
                        + " writer goes on", batch.size(), e);
                fail(batch, e);
            }
        }
    }

    private void write(List<Pending> batch, int events) throws SQLException {
        long started = System.nanoTime();
        List<NewEvent> all = new ArrayList<>(events);
        batch.forEach(p -> all.addAll(p.events()));
        List<Appended> appended;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                appended = WriteBatch.write(connection, all);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        if (batchSize != null) {
            batchSize.record(events);
            commitTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
        appendedListeners.forEach(Runnable::run);
        int from = 0;
        for (Pending pending : batch) {
            int to = from + pending.events().size();
            pending.result().complete(List.copyOf(appended.subList(from, to)));
            from = to;
        }
    }

    private static void fail(List<Pending> batch, Exception cause) {
        Unavailable failure = new Unavailable("The events could not be stored; none of them was. Retry shortly.");
        failure.initCause(cause);
        batch.forEach(p -> p.result().completeExceptionally(failure));
    }

    /** Stops taking requests, stores what is queued, then stops the writers. */
    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        for (Thread writer : writers) {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.result().completeExceptionally(new Unavailable("Eventbus is shutting down; retry on another instance"));
        }
    }
}
