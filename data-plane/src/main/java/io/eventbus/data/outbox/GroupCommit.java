package io.eventbus.data.outbox;

import io.eventbus.core.problem.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * Group commit: callers submit items, and a few writer threads each take everything waiting (up to a weight, e.g.
 * events) and write it in ONE transaction, so many callers share one commit. Each caller's future completes after
 * that commit with its own result; a failed transaction fails every item in it, none of which was written. The
 * queue is bounded: a full queue refuses at once (the future fails with {@link Unavailable}) rather than
 * buffering without limit. A writer may linger a little after the first item for more to share its transaction,
 * unless an item in the batch is urgent, or, when lingering only while items arrive, unless they arrive too rarely
 * for one to be expected in time. One writer fills a batch at a time while the others write theirs, so a lingering
 * writer is the one that gets what arrives. Writer loops never die. Thread-safe.
 *
 * @param <T> what callers submit
 * @param <R> what each gets back
 */
final class GroupCommit<T, R> {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    /** Writes one batch inside the caller's transaction; returns one result per item, in order. */
    interface Write<T, R> {
        List<R> write(Connection c, List<T> items) throws SQLException;
    }

    /** Runs after each commit, with the batch that was committed and its results. */
    interface AfterCommit<T, R> {
        void committed(List<T> items, List<R> results);
    }

    private record Pending<T, R>(T item, CompletableFuture<R> result) {
    }

    /**
     * How a writer fills a batch: items up to {@code maxWeight}, and for up to {@code linger} after the first one,
     * unless one is {@code urgent} (a writer whose items wait on nobody trades a few milliseconds for fewer
     * transactions). With {@code whileArriving}, the writer lingers only while items arrive on average more often
     * than once per {@code linger}, and waits for each next one at most twice that average gap: an item that
     * arrives alone is written at once, and items that keep arriving share a transaction.
     */
    record Batching<T>(ToIntFunction<T> weight, int maxWeight, long lingerNanos, Predicate<T> urgent,
                       boolean whileArriving) {

        /** No lingering: each writer takes what is waiting, at once. */
        static <T> Batching<T> eager(ToIntFunction<T> weight, int maxWeight) {
            return new Batching<>(weight, maxWeight, 0, item -> true, false);
        }

        /** Lingers up to {@code lingerNanos} after the first item, for as long as items keep arriving. */
        static <T> Batching<T> whileArriving(ToIntFunction<T> weight, int maxWeight, long lingerNanos) {
            return new Batching<>(weight, maxWeight, lingerNanos, item -> false, lingerNanos > 0);
        }

        /** Lingers up to {@code lingerNanos} after the first item, unless an item is {@code urgent}. */
        static <T> Batching<T> lingering(ToIntFunction<T> weight, int maxWeight, long lingerNanos,
                                         Predicate<T> urgent) {
            return new Batching<>(weight, maxWeight, lingerNanos, urgent, false);
        }
    }

    /** Arrival gaps above this count as this much: one long pause must not hold the average up for long. */
    private static final long MAX_GAP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String name;
    private final String whenFailed;
    private final DataSource dataSource;
    private final Write<T, R> write;
    private final Batching<T> batching;
    private final boolean durable;
    private final AfterCommit<T, R> afterCommit;
    private final BlockingQueue<Pending<T, R>> queue;
    private final List<Thread> writers = new ArrayList<>();
    /** Held by the writer that fills a batch (and lingers), so what arrives meanwhile joins that batch. */
    private final ReentrantLock filling = new ReentrantLock();
    private final AtomicLong lastArrival = new AtomicLong(System.nanoTime() - MAX_GAP_NANOS);
    /**
     * The moving average of the gaps between submissions. Updated without a lock: a lost update only makes the
     * average a little less exact, and it only decides whether to linger.
     */
    private volatile long meanGapNanos = MAX_GAP_NANOS;
    private volatile boolean running = true;

    /**
     * @param whenFailed what callers are told when their batch could not be written
     * @param durable    true: the write gets a connection in auto-commit and must be atomic on its own (one
     *                   statement, one round trip; or a transaction it opens and ends itself); false: the write runs
     *                   in a transaction that commits with {@code synchronous_commit = off} (no wait for the WAL
     *                   flush), for writes that a crash may undo without losing anything (the state before them is
     *                   durable and leads to the same work being done again)
     * @param afterCommit runs on the writer thread after each commit, before the futures complete; must be quick
     */
    GroupCommit(String name, String whenFailed, DataSource dataSource, int writers, int capacity, Batching<T> batching,
                boolean durable, Write<T, R> write, AfterCommit<T, R> afterCommit) {
        this.name = name;
        this.whenFailed = whenFailed;
        this.dataSource = dataSource;
        this.write = write;
        this.batching = batching;
        this.durable = durable;
        this.afterCommit = afterCommit;
        this.queue = new ArrayBlockingQueue<>(capacity);
        for (int i = 0; i < writers; i++) {
            Thread writer = new Thread(this::writeLoop, "eventbus-" + name + "-" + i);
            writer.setDaemon(true);
            this.writers.add(writer);
        }
    }

    /** Starts the writers; what was submitted before waits for them. */
    void start() {
        writers.forEach(Thread::start);
    }

    /** Queues {@code item}; the future completes after the transaction that writes it commits. */
    CompletableFuture<R> submit(T item, String whenFull) {
        Pending<T, R> pending = new Pending<>(item, new CompletableFuture<>());
        if (batching.whileArriving()) {
            long now = System.nanoTime();
            long gap = Math.min(MAX_GAP_NANOS, now - lastArrival.getAndSet(now));
            long mean = meanGapNanos;
            meanGapNanos = mean + (gap - mean) / 8;
        }
        if (!running || !queue.offer(pending)) {
            pending.result().completeExceptionally(new Unavailable(whenFull));
        }
        return pending.result();
    }

    private void writeLoop() {
        while (running || !queue.isEmpty()) {
            List<Pending<T, R>> batch = new ArrayList<>();
            try {
                filling.lockInterruptibly();
                try {
                    Pending<T, R> first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    fill(batch, first);
                } finally {
                    filling.unlock();
                }
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(batch, e);
                return;
            } catch (Exception e) {
                LOG.error("{}: writing a batch of {} failed; each is answered with an error and the writer goes on",
                        name, batch.size(), e);
                fail(batch, e);
            }
        }
    }

    /** Adds what waits, up to the weight; lingers for more while no item is urgent (and, if so, items arrive). */
    private void fill(List<Pending<T, R>> batch, Pending<T, R> first) throws InterruptedException {
        int total = batching.weight().applyAsInt(first.item());
        boolean urgent = batching.urgent().test(first.item());
        long lingerUntil = System.nanoTime() + batching.lingerNanos();
        while (total < batching.maxWeight()) {
            Pending<T, R> next = queue.poll();
            if (next == null) {
                long wait = urgent ? 0 : waitForNext(lingerUntil - System.nanoTime());
                if (wait <= 0 || (next = queue.poll(wait, TimeUnit.NANOSECONDS)) == null) {
                    return;
                }
            }
            batch.add(next);
            total += batching.weight().applyAsInt(next.item());
            urgent |= batching.urgent().test(next.item());
        }
    }

    /** How long to wait for the next item, with {@code left} of the linger left. */
    private long waitForNext(long left) {
        if (!batching.whileArriving()) {
            return left;
        }
        long gap = meanGapNanos;
        return gap >= batching.lingerNanos() ? 0 : Math.min(left, 2 * gap);
    }

    private void write(List<Pending<T, R>> batch) throws SQLException {
        List<T> items = new ArrayList<>(batch.size());
        batch.forEach(p -> items.add(p.item()));
        List<R> results;
        try (Connection connection = dataSource.getConnection()) {
            if (durable) {
                results = write.write(connection, items); // atomic on its own (see the constructor)
            } else {
                results = Transactions.undurable(connection, () -> write.write(connection, items));
            }
        }
        afterCommit.committed(items, results);
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(results.get(i));
        }
    }

    private void fail(List<Pending<T, R>> batch, Exception cause) {
        Unavailable failure = new Unavailable(whenFailed);
        failure.initCause(cause);
        batch.forEach(p -> p.result().completeExceptionally(failure));
    }

    /** Stops taking items, writes what is queued, then stops the writers; what is left is refused. */
    void stop(String whyRefused) throws InterruptedException {
        running = false;
        for (Thread writer : writers) {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }
        Pending<T, R> left;
        while ((left = queue.poll()) != null) {
            left.result().completeExceptionally(new Unavailable(whyRefused));
        }
    }
}
