package io.eventbus.sdk;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Receives the messages of one queue and hands each to a {@link MessageHandler}, on a bounded pool of handler
 * threads; get one from {@link Eventbus#queueConsumer(String, MessageHandler, QueueConsumerOptions)}.
 *
 * <ul>
 *   <li>{@link #start()} begins receiving on one thread with long polls ({@link QueueConsumerOptions#waitTime()}),
 *       each asking for as many messages as handler threads are free (at most
 *       {@link QueueConsumerOptions#maxMessagesPerReceive()}); when none is free it does not receive.</li>
 *   <li>A handler that returns has its message deleted. One that throws leaves it on the queue, to be received
 *       again when its visibility timeout runs out, or after {@link QueueConsumerOptions#failedMessageDelay()} when
 *       that is set.</li>
 *   <li>While a handler runs, the consumer extends its message's visibility timeout
 *       {@link QueueConsumerOptions#extendBefore()} before it runs out, so a slow handler's message is not received
 *       by anyone else meanwhile.</li>
 *   <li>A receive that fails (no answer, 503 when the server has too many long polls, any problem) is tried again
 *       after a pause that doubles up to 10 s; a delete that fails is tried again a few times, then left (the message
 *       comes back: delivery is at least once, never lost).</li>
 *   <li>{@link #close()} stops receiving, waits up to {@link QueueConsumerOptions#shutdownTimeout()} for running
 *       handlers to finish and delete their messages, and ends the consumer's threads. A long poll under way is
 *       left to finish on the client's HTTP threads, and the messages it brings, if any, are made visible again
 *       at once (change visibility 0), not handled.</li>
 * </ul>
 *
 * Thread-safe: {@code start()} and {@code close()} may be called from any thread ({@code close()} more than once);
 * the handler is called from several threads at once when the concurrency is above 1. Do not call {@code close()}
 * from a handler: it would wait for itself until the shutdown timeout. Logs through {@link System.Logger} (name
 * {@code io.eventbus.sdk.QueueConsumer}); never message bodies.
 */
public final class QueueConsumer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(QueueConsumer.class.getName());
    private static final int DELETE_ATTEMPTS = 5;

    private enum State { NEW, RUNNING, CLOSED }

    private final String queue;
    private final QueueApi api;
    private final MessageHandler handler;
    private final QueueConsumerOptions options;
    private final Backoff receiveBackoff;
    private final Backoff deleteBackoff;
    private final Semaphore freeHandlers;
    private final ExecutorService handlers;
    private final ScheduledExecutorService extensions;
    private final Thread receiver;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);

    QueueConsumer(Transport transport, String queue, MessageHandler handler, QueueConsumerOptions options) {
        this(transport, queue, handler, options, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10),
                () -> ThreadLocalRandom.current().nextDouble()));
    }

    QueueConsumer(Transport transport, String queue, MessageHandler handler, QueueConsumerOptions options,
                  Backoff receiveBackoff) {
        this.queue = queue;
        this.api = new QueueApi(transport, queue);
        this.handler = Objects.requireNonNull(handler, "handler");
        this.options = Objects.requireNonNull(options, "options");
        this.receiveBackoff = receiveBackoff;
        this.deleteBackoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2),
                () -> ThreadLocalRandom.current().nextDouble());
        this.freeHandlers = new Semaphore(options.concurrency());
        // never more tasks than threads: a message is received only for a free handler
        this.handlers = new ThreadPoolExecutor(options.concurrency(), options.concurrency(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads("handler"));
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, threads("visibility"));
        timer.setRemoveOnCancelPolicy(true);
        this.extensions = timer;
        this.receiver = threads("receiver").newThread(this::receiveUntilClosed);
    }

    /**
     * Begins receiving and handling messages, on the consumer's own threads; returns at once.
     *
     * @throws IllegalStateException when started before, or closed
     */
    public void start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("queue consumer of '" + queue + "' is "
                    + (state.get() == State.CLOSED ? "closed" : "started already"));
        }
        receiver.start();
    }

    /** The queue this consumer receives from. */
    public String queue() {
        return queue;
    }

    /**
     * Stops receiving, waits up to the shutdown timeout for running handlers to finish (and their messages to be
     * deleted), and ends the consumer's threads. Messages of handlers still running then are left on the queue and
     * received again after their visibility timeout. Returns at once when closed already.
     */
    @Override
    public void close() {
        State before = state.getAndSet(State.CLOSED);
        if (before == State.CLOSED) {
            return;
        }
        long deadline = System.nanoTime() + options.shutdownTimeout().toNanos();
        boolean interrupted = false;
        if (before == State.RUNNING) {
            receiver.interrupt();
            try {
                receiver.join(Math.max(1, options.shutdownTimeout().toMillis()));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        handlers.shutdown();
        try {
            if (!interrupted && !handlers.awaitTermination(Math.max(0, deadline - System.nanoTime()),
                    TimeUnit.NANOSECONDS)) {
                LOG.log(Level.WARNING, "queue consumer of ''{0}'': handlers still running after the shutdown timeout"
                        + " ({1}) are interrupted; their messages come back after the visibility timeout", queue,
                        options.shutdownTimeout());
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        handlers.shutdownNow();
        extensions.shutdownNow();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void receiveUntilClosed() {
        int failures = 0;
        while (state.get() == State.RUNNING) {
            int wanted;
            try {
                wanted = takeFreeHandlers();
            } catch (InterruptedException closing) {
                return;
            }
            List<Message> received;
            CompletableFuture<List<Message>> receive = api.receive(wanted, options.visibilityTimeout(),
                    options.waitTime());
            try {
                received = receive.get();
            } catch (InterruptedException closing) {
                giveBack(receive);
                return;
            } catch (ExecutionException | RuntimeException e) {
                freeHandlers.release(wanted);
                if (state.get() != State.RUNNING) {
                    return;
                }
                failures++;
                Duration pause = receiveBackoff.pause(failures);
                logReceiveFailure(e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e,
                        failures, pause);
                if (!pause(pause)) {
                    return;
                }
                continue;
            }
            if (failures > 0) {
                LOG.log(Level.INFO, "queue consumer of ''{0}'' receives again after {1} failed receives", queue,
                        failures);
                failures = 0;
            }
            freeHandlers.release(wanted - received.size());
            // handed over even when closing: close() waits for them (or they come back after their timeout)
            received.forEach(this::handOver);
        }
    }

    /**
     * A long poll under way when closing is not cut off (the server would go on waiting for it, and claim a message
     * that arrives meanwhile for nobody): whatever it brings is made visible again at once.
     */
    private void giveBack(CompletableFuture<List<Message>> receive) {
        receive.thenAccept(messages -> messages.forEach(message -> api.changeVisibility(message, Duration.ZERO)
                .exceptionally(e -> {
                    LOG.log(Level.DEBUG, "queue consumer of ''{0}'': message {1}, received while closing, could not"
                            + " be given back ({2}); it comes back after its visibility timeout", queue,
                            message.messageId(), e.getMessage());
                    return null;
                })));
    }

    /** Waits for one free handler, then takes the others free now, up to a receive's maximum. */
    private int takeFreeHandlers() throws InterruptedException {
        freeHandlers.acquire();
        int taken = 1;
        while (taken < options.maxMessagesPerReceive() && freeHandlers.tryAcquire()) {
            taken++;
        }
        return taken;
    }

    private void logReceiveFailure(Throwable e, int failures, Duration pause) {
        if (failures == 1 || failures % 10 == 0) {
            LOG.log(Level.WARNING, "queue consumer of ''{0}'': a receive failed ({1}; {2} in a row); receiving again"
                    + " in {3} ms", queue, e.getMessage(), failures, pause.toMillis());
        } else {
            LOG.log(Level.DEBUG, "queue consumer of ''{0}'': a receive failed ({1}; {2} in a row)", queue,
                    e.getMessage(), failures);
        }
    }

    private void handOver(Message message) {
        Extension extension = new Extension(message);
        extension.schedule(visibilityPeriod());
        handlers.execute(() -> handle(message, extension));
    }

    private void handle(Message message, Extension extension) {
        try {
            boolean handled;
            try {
                handler.handle(message);
                handled = true;
            } catch (Throwable e) {
                handled = false;
                LOG.log(Level.WARNING, "queue consumer of ''" + queue + "'': the handler threw for message "
                        + message.messageId() + " (receive " + message.receiveCount() + "); it is received again "
                        + (options.failedMessageDelay() == null ? "after its visibility timeout"
                        : "in " + options.failedMessageDelay().toSeconds() + " s"), e);
            }
            if (handled) {
                delete(message); // the extension goes on meanwhile: a slow delete does not free the message
                extension.stop();
            } else {
                extension.stop();
                if (options.failedMessageDelay() != null) {
                    api.changeVisibility(message, options.failedMessageDelay()).exceptionally(e -> {
                        LOG.log(Level.DEBUG, "queue consumer of ''{0}'': message {1} could not be made visible"
                                + " early ({2}); it comes back after its visibility timeout", queue,
                                message.messageId(), e.getMessage());
                        return null;
                    });
                }
            }
        } finally {
            extension.stop();
            freeHandlers.release();
        }
    }

    private void delete(Message message) {
        for (int attempt = 1; ; attempt++) {
            try {
                api.delete(message);
                return;
            } catch (EventbusException e) {
                if (!e.isRetryable() || attempt == DELETE_ATTEMPTS) {
                    LOG.log(Level.WARNING, "queue consumer of ''{0}'': message {1} was handled but could not be"
                            + " deleted ({2}); it may be handled again", queue, message.messageId(), e.getMessage());
                    return;
                }
                if (!pause(deleteBackoff.pause(attempt))) {
                    return;
                }
            }
        }
    }

    /** When extensions run: {@code extendBefore} before the visibility timeout runs out. */
    private Duration visibilityPeriod() {
        return options.visibilityTimeout().minus(options.extendBefore());
    }

    /** Sleeps on the consumer's own thread; false when interrupted (closing). */
    private static boolean pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private ThreadFactory threads(String role) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "eventbus-queue-" + queue + "-" + role
                    + ("receiver".equals(role) ? "" : "-" + count.incrementAndGet()));
            thread.setDaemon(false);
            return thread;
        };
    }

    /**
     * Keeps one message hidden while its handler runs: every {@code visibility - extendBefore} it sets the visibility
     * timeout again from now; when that fails with an answer that may change, sooner. Thread-safe.
     */
    private final class Extension {

        private final Message message;
        private boolean stopped;
        private ScheduledFuture<?> next;

        Extension(Message message) {
            this.message = message;
        }

        synchronized void schedule(Duration delay) {
            if (stopped) {
                return;
            }
            try {
                next = extensions.schedule(this::extend, Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                stopped = true;
            }
        }

        synchronized void stop() {
            stopped = true;
            if (next != null) {
                next.cancel(false);
            }
        }

        private synchronized boolean isStopped() {
            return stopped;
        }

        private void extend() {
            if (isStopped()) {
                return;
            }
            api.changeVisibility(message, options.visibilityTimeout()).whenComplete((ok, failure) -> {
                if (failure == null) {
                    schedule(visibilityPeriod());
                    return;
                }
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof EventbusException e && e.isRetryable()) {
                    schedule(options.extendBefore().dividedBy(4));
                } else if (!isStopped()) {
                    LOG.log(Level.WARNING, "queue consumer of ''{0}'': the visibility of message {1} could not be"
                            + " extended ({2}); it may be received again while its handler runs", queue,
                            message.messageId(), cause.getMessage());
                }
            });
        }
    }
}
