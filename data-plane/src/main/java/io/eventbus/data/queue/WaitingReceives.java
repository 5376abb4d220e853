package io.eventbus.data.queue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The long polls waiting on one queue in this process, oldest first, and the one task that serves them when the
 * queue may have messages: it claims for the oldest waiting receive, answers it, and goes on with the next until
 * a claim finds nothing. So one wake-up costs one claim per receive it answers plus one, never a claim per
 * waiting receive, and at most one claim per queue runs at a time here.
 * <p>
 * Each waiting receive is owned by exactly one party at a time: the queue (in {@link #waiters}), the serving
 * task (between taking and answering or putting it back), or nobody once answered. Its time-out answers it
 * only while the queue owns it; a receive that times out while being served is answered by the server. Guarded
 * by {@code this}; claims run outside the lock, on the {@code claims} executor. Thread-safe.
 */
final class WaitingReceives {

    private static final Logger LOG = LoggerFactory.getLogger(WaitingReceives.class);

    /** One waiting receive. {@code timedOut} is set before its time-out tries to take it from the queue. */
    static final class Waiter {
        final QueueMessages.Claim claim;
        final CompletableFuture<List<ReceivedMessage>> result = new CompletableFuture<>();
        volatile boolean timedOut;

        Waiter(QueueMessages.Claim claim) {
            this.claim = claim;
        }
    }

    private final QueueMessages messages;
    private final Executor claims;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private boolean serving;
    private boolean wokenWhileServing;

    WaitingReceives(QueueMessages messages, Executor claims) {
        this.messages = messages;
        this.claims = claims;
    }

    synchronized void add(Waiter waiter) {
        waiters.addLast(waiter);
    }

    synchronized boolean hasWaiters() {
        return !waiters.isEmpty();
    }

    synchronized boolean idle() {
        return !serving && waiters.isEmpty();
    }

    /** Its time is up: answered with nothing, unless it is being served right now (then the server answers). */
    void timeOut(Waiter waiter) {
        waiter.timedOut = true;
        boolean mine;
        synchronized (this) {
            mine = waiters.remove(waiter);
        }
        if (mine) {
            waiter.result.complete(List.of());
        }
    }

    /** The queue may have messages: serve the waiting receives, unless that is under way (then look once more). */
    void wake() {
        synchronized (this) {
            if (serving) {
                wokenWhileServing = true;
                return;
            }
            if (waiters.isEmpty()) {
                return;
            }
            serving = true;
            wokenWhileServing = false;
        }
        try {
            claims.execute(this::serve);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                serving = false;
            }
        }
    }

    /** Answers every waiting receive with nothing (shutting down). */
    void abandon() {
        List<Waiter> all;
        synchronized (this) {
            all = new ArrayList<>(waiters);
            waiters.clear();
        }
        all.forEach(w -> w.result.complete(List.of()));
    }

    private void serve() {
        while (true) {
            Waiter next = take();
            if (next == null) {
                return;
            }
            List<ReceivedMessage> got;
            try {
                got = messages.claim(next.claim);
            } catch (RuntimeException e) {
                LOG.warn("a waiting receive on queue '{}' failed: {}", next.claim.queue().name(), e.toString());
                next.result.completeExceptionally(e);
                stopServing();
                return;
            }
            if (!got.isEmpty()) {
                if (!next.result.complete(got)) {
                    LOG.debug("a receive on queue '{}' went away; its {} messages are visible again after their"
                            + " visibility timeout", next.claim.queue().name(), got.size());
                }
            } else if (!putBack(next)) {
                return;
            }
        }
    }

    /** The oldest waiting receive still waiting, or null (then no longer serving). */
    private synchronized Waiter take() {
        Waiter next;
        do {
            next = waiters.pollFirst();
        } while (next != null && next.result.isDone());
        if (next == null) {
            serving = false;
        }
        return next;
    }

    /** Nothing to claim: {@code waiter} waits on, first in line. Returns whether to look once more. */
    private boolean putBack(Waiter waiter) {
        boolean again;
        synchronized (this) {
            if (!waiter.timedOut) {
                waiters.addFirst(waiter);
            }
            again = wokenWhileServing;
            wokenWhileServing = false;
            serving = again;
        }
        if (waiter.timedOut) {
            waiter.result.complete(List.of());
        }
        return again;
    }

    private synchronized void stopServing() {
        serving = false;
    }
}
