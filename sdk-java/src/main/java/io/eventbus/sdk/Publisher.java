package io.eventbus.sdk;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes events to one bus in the background: {@link #publish} takes an event into a bounded buffer and answers
 * a future of its id; the publisher gathers events into puts of up to {@link PublisherOptions#maxBatchSize()}
 * (waiting at most {@link PublisherOptions#linger()} for a batch to fill), keeps up to
 * {@link PublisherOptions#maxInFlight()} puts under way, and retries a put that got 429, a 5xx or no answer, with
 * exponential backoff and jitter. Get one from {@link Eventbus#publisher(String)}.
 *
 * <pre>{@code
 * try (Publisher publisher = eventbus.publisher("orders")) {
 *     CompletableFuture<String> id = publisher.publish(order);
 * } // close() delivers what was accepted
 * }</pre>
 *
 * <p><b>Nothing twice.</b> The publisher gives every event without an idempotency key a key of its own (128 random
 * bits drawn when the publisher is made, and a counter) before it first sends it, so a put that is sent again after it got no answer, although the server stored
 * it, stores nothing new: the server answers the first event's id.
 *
 * <p><b>How each future ends.</b> With the event's id once it is stored; with an {@link EventRefusedException}
 * when the server refused that entry (the others of its put are stored); with the {@link EventbusException} of a
 * put the server refused as a whole with a problem that sending again cannot fix (4xx other than 429), or the last
 * one when {@link PublisherOptions#maxAttempts()} or {@link PublisherOptions#retryTimeout()} ran out; with an
 * {@link EventbusException} of code {@value #NOT_DELIVERED} for what {@link #close()} could not deliver in time.
 * Stages that depend on a future run on the publisher's threads unless you use the {@code ...Async} methods: keep
 * them short.
 *
 * <p><b>Thread-safe.</b> Any number of threads may publish, flush and close at once. The publisher uses one
 * scheduler thread of its own (a daemon) and the HTTP client's threads, and never waits in a busy loop.
 */
public final class Publisher implements AutoCloseable {

    /** The code of the {@link EventbusException} of events that {@link #close()} gave up on. */
    public static final String NOT_DELIVERED = "NotDelivered";

    private final Eventbus eventbus;
    private final String bus;
    private final PublisherOptions options;
    private final long lingerNanos;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    /**
     * Idempotency keys of this publisher: {@code pub-}, 128 random bits drawn once, and a counter. Unique without a
     * random draw per event (a UUID per event cost the publisher's threads a SecureRandom call each).
     */
    private final String keyPrefix = "pub-" + randomBits() + "-";
    private final AtomicLong keys = new AtomicLong();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    /** Accepted, not yet sent; guarded by {@link #lock}. */
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    /** Sent, or waiting for a retry; guarded by {@link #lock}. */
    private final Set<Batch> inFlight = new HashSet<>();
    /** Events held (waiting and in flight); guarded by {@link #lock}. */
    private int held;
    private long nextSeq;
    /** Events up to this sequence number are sent without lingering (flush, close); guarded by {@link #lock}. */
    private long flushUpTo = -1;
    private boolean closed;
    private volatile boolean abandoned;
    private boolean terminated;

    /** Confined to the scheduler thread. */
    private ScheduledFuture<?> lingerTimer;
    private long lingerTimerDue;

    Publisher(Eventbus eventbus, String bus, PublisherOptions options) {
        this.eventbus = Objects.requireNonNull(eventbus, "eventbus");
        this.bus = Transport.segment(bus);
        this.options = Objects.requireNonNull(options, "options");
        this.lingerNanos = options.linger().toNanos();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "eventbus-publisher-" + bus);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.scheduler = executor;
    }

    private static String randomBits() {
        byte[] bits = new byte[16];
        new SecureRandom().nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    /** The bus this publisher puts events on. */
    public String bus() {
        return bus;
    }

    /** The options it runs with. */
    public PublisherOptions options() {
        return options;
    }

    /**
     * Takes {@code event} for publishing and answers a future of its id, completed once it is stored (see the class
     * description for how else it may end). An event without an idempotency key gets one.
     *
     * @throws PublisherBufferFullException when the buffer is full: at once with
     *                                      {@link PublisherOptions.WhenFull#FAIL_FAST}, after
     *                                      {@link PublisherOptions#maxBlock()} with
     *                                      {@link PublisherOptions.WhenFull#BLOCK} (or when the waiting thread is
     *                                      interrupted; its interrupt flag is set again)
     * @throws IllegalStateException        when the publisher is closed
     */
    public CompletableFuture<String> publish(Event event) {
        Objects.requireNonNull(event, "event");
        Event keyed = event.idempotencyKey() == null ? event.withIdempotencyKey(keyPrefix + keys.incrementAndGet()) : event;
        CompletableFuture<String> future = new CompletableFuture<>();
        int size;
        lock.lock();
        try {
            if (closed) {
                throw closedProblem();
            }
            awaitRoom();
            held++;
            waiting.addLast(new Pending(keyed, future, nextSeq++, System.nanoTime()));
            size = waiting.size();
        } finally {
            lock.unlock();
        }
        if (size == 1 || size >= options.maxBatchSize()) {
            wake();
        }
        return future;
    }

    /**
     * Blocks until every event accepted before this call is stored or has failed; events accepted meanwhile by
     * other threads are not waited for. Waiting events are sent at once, without lingering. How long it blocks is
     * bounded by the retry settings: {@link PublisherOptions#retryTimeout()} after the last batch's first attempt,
     * plus one request timeout.
     *
     * @throws CancellationException when the thread is interrupted while it waits (its interrupt flag is set again)
     */
    public void flush() {
        List<CompletableFuture<String>> futures;
        lock.lock();
        try {
            flushUpTo = Math.max(flushUpTo, nextSeq - 1);
            futures = heldFutures();
        } finally {
            lock.unlock();
        }
        wake();
        try {
            allOf(futures).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while flushing the publisher of bus " + bus);
        } catch (ExecutionException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
    }

    /**
     * Stops taking events ({@link #publish} throws from now on, also in threads blocked waiting for room), delivers
     * what was accepted, with retries, waiting at most {@link PublisherOptions#closeTimeout()}, then fails the
     * futures of what is still not stored with an {@link EventbusException} of code {@value #NOT_DELIVERED} (such
     * an event may still be stored by a put under way; publishing it again with its idempotency key is safe), and
     * stops the publisher's thread. Calling it again does nothing.
     */
    @Override
    public void close() {
        List<CompletableFuture<String>> futures;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            flushUpTo = Long.MAX_VALUE;
            futures = heldFutures();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
        wake();
        boolean interrupted = false;
        try {
            allOf(futures).get(options.closeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // given up below
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (ExecutionException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
        abandon();
        scheduler.shutdownNow();
        try {
            // a send that runs at this moment finishes before close returns: no put leaves after close
            scheduler.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitRoom() {
        if (held < options.bufferCapacity()) {
            return;
        }
        if (options.whenFull() == PublisherOptions.WhenFull.FAIL_FAST) {
            throw new PublisherBufferFullException(options.bufferCapacity(), "");
        }
        long nanos = options.maxBlock().toNanos();
        try {
            while (held >= options.bufferCapacity()) {
                if (nanos <= 0) {
                    throw new PublisherBufferFullException(options.bufferCapacity(),
                            " (waited " + options.maxBlock() + " for room)");
                }
                nanos = notFull.awaitNanos(nanos);
                if (closed) {
                    throw closedProblem();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublisherBufferFullException(options.bufferCapacity(), " (interrupted while waiting for room)");
        }
    }

    /** Runs {@link #drain} on the scheduler thread soon; requests made while one is queued are merged into it. */
    private void wake() {
        if (wakeQueued.compareAndSet(false, true)) {
            try {
                scheduler.execute(() -> {
                    wakeQueued.set(false);
                    drain();
                });
            } catch (RejectedExecutionException closedMeanwhile) {
                wakeQueued.set(false);
            }
        }
    }

    /** On the scheduler thread: sends every batch that is due while puts may be added, then sets the linger timer. */
    private void drain() {
        List<Batch> due = new ArrayList<>();
        long nextDue = Long.MIN_VALUE;
        lock.lock();
        try {
            long now = System.nanoTime();
            while (!waiting.isEmpty() && inFlight.size() < options.maxInFlight()) {
                Pending oldest = waiting.peekFirst();
                if (waiting.size() < options.maxBatchSize() && oldest.seq() > flushUpTo
                        && now - oldest.acceptedAt() < lingerNanos) {
                    nextDue = oldest.acceptedAt() + lingerNanos;
                    break;
                }
                int size = Math.min(options.maxBatchSize(), waiting.size());
                List<Pending> entries = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    entries.add(waiting.pollFirst());
                }
                Batch batch = new Batch(entries, now);
                inFlight.add(batch);
                due.add(batch);
            }
        } finally {
            lock.unlock();
        }
        due.forEach(this::send);
        if (nextDue != Long.MIN_VALUE) {
            lingerUntil(nextDue);
        }
    }

    private void lingerUntil(long due) {
        if (lingerTimer != null && !lingerTimer.isDone() && lingerTimerDue <= due) {
            return;
        }
        if (lingerTimer != null) {
            lingerTimer.cancel(false);
        }
        lingerTimerDue = due;
        lingerTimer = scheduler.schedule(() -> {
            lingerTimer = null;
            drain();
        }, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void send(Batch batch) {
        if (abandoned) {
            return; // given up at close: its futures are failed already, and nothing is sent after close
        }
        batch.attempts++;
        CompletableFuture<PutEventsResult> put;
        try {
            put = eventbus.putEventsAsync(bus, batch.events());
        } catch (RuntimeException e) {
            put = CompletableFuture.failedFuture(e);
        }
        put.whenComplete((result, failure) -> answered(batch, result, failure));
    }

    private void answered(Batch batch, PutEventsResult result, Throwable failure) {
        if (failure == null && result.entries().size() == batch.entries.size()) {
            release(batch);
            for (int i = 0; i < batch.entries.size(); i++) {
                Pending pending = batch.entries.get(i);
                PutEventsResultEntry entry = result.entries().get(i);
                if (entry.isSuccess()) {
                    pending.future().complete(entry.eventId());
                } else {
                    pending.future().completeExceptionally(new EventRefusedException(pending.event(),
                            entry.errorCode(), entry.errorMessage(), entry.errorLocation()));
                }
            }
            return;
        }
        Throwable problem = failure == null
                ? new EventbusException(200, "UnreadableAnswer", "a put of " + batch.entries.size()
                        + " events answered " + result.entries().size() + " results", null)
                : unwrap(failure);
        if (problem instanceof EventbusException answer && answer.isRetryable() && retryLater(batch)) {
            return;
        }
        release(batch);
        batch.entries.forEach(pending -> pending.future().completeExceptionally(problem));
    }

    /** Schedules the next attempt of {@code batch}, if the retry settings allow one. */
    private boolean retryLater(Batch batch) {
        if (abandoned || batch.attempts >= options.maxAttempts()) {
            return false;
        }
        Duration wait = RetryBackoff.before(batch.attempts, options.initialBackoff(), options.maxBackoff(),
                ThreadLocalRandom.current().nextDouble());
        long retryAt = System.nanoTime() + wait.toNanos();
        if (retryAt - batch.firstAttemptAt > options.retryTimeout().toNanos()) {
            return false;
        }
        try {
            scheduler.schedule(() -> send(batch), wait.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (RejectedExecutionException closedMeanwhile) {
            return false;
        }
    }

    /** Frees the batch's room in the buffer and its place among the puts in flight, and sends what is due. */
    private void release(Batch batch) {
        lock.lock();
        try {
            if (!inFlight.remove(batch)) {
                return;
            }
            held -= batch.entries.size();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
        wake();
    }

    /** After the close timeout: no more retries; whatever is not stored yet fails. */
    private void abandon() {
        List<Pending> left = new ArrayList<>();
        lock.lock();
        try {
            if (terminated) {
                return;
            }
            terminated = true;
            abandoned = true;
            left.addAll(waiting);
            waiting.clear();
            inFlight.forEach(batch -> left.addAll(batch.entries));
        } finally {
            lock.unlock();
        }
        for (Pending pending : left) {
            pending.future().completeExceptionally(new EventbusException(0, NOT_DELIVERED, "not stored within the"
                    + " close timeout of " + options.closeTimeout() + " (it may still be stored: its idempotency key is "
                    + pending.event().idempotencyKey() + ")", null));
        }
    }

    private List<CompletableFuture<String>> heldFutures() {
        List<CompletableFuture<String>> futures = new ArrayList<>(held);
        waiting.forEach(pending -> futures.add(pending.future()));
        inFlight.forEach(batch -> batch.entries.forEach(pending -> futures.add(pending.future())));
        return futures;
    }

    private IllegalStateException closedProblem() {
        return new IllegalStateException("the publisher of bus " + bus + " is closed");
    }

    /** Completes when all of them have completed, whether or not they failed. */
    private static CompletableFuture<Void> allOf(List<CompletableFuture<String>> futures) {
        return CompletableFuture.allOf(futures.stream().map(future -> future.handle((id, failure) -> id))
                .toArray(CompletableFuture[]::new));
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private record Pending(Event event, CompletableFuture<String> future, long seq, long acceptedAt) {
    }

    /** One put's events, sent again as they are (same idempotency keys) on a retry. */
    private static final class Batch {

        final List<Pending> entries;
        final long firstAttemptAt;
        /** Written before each send, read in its answer: ordered by the put's future. */
        int attempts;

        Batch(List<Pending> entries, long firstAttemptAt) {
            this.entries = entries;
            this.firstAttemptAt = firstAttemptAt;
        }

        List<Event> events() {
            return entries.stream().map(Pending::event).toList();
        }
    }
}
