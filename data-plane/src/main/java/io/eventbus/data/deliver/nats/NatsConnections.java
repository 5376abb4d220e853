package io.eventbus.data.deliver.nats;

import io.eventbus.core.role.DataRole;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.Options;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One NATS connection per (server list, connection id, connection version): a stored connection's (id, version)
 * names its content, so a changed password is a new connection, and the one of the older version is closed when the
 * new one is opened. Every attempt to the same address shares the connection; one that closed (its server stopped)
 * is replaced on the next attempt. Connections unused for {@link #IDLE} are closed; all are closed at shutdown.
 *
 * <p>Connecting blocks in jnats, so it runs on this pool's own few threads, never on a delivery thread; attempts
 * that arrive while it connects share the one connect. A connect gives up after {@link #CONNECT_TIMEOUT} per server.
 *
 * <p>jnats' reconnecting is off ({@code noReconnect}): while it reconnects in the background, publishes wait in its
 * buffer until their timeout and may be sent minutes later. Without it, an outage fails each attempt at once
 * (retryable), and Eventbus' backoff, circuit breaker and dead-lettering handle it as for any other target. A
 * dead peer that sends no reset is found by pings within about {@code 3 x} {@link #PING_INTERVAL}.
 *
 * <p>Thread-safe.
 */
@Singleton
@DataRole
class NatsConnections {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** Longest wait for a publish's acknowledgement; jnats' own request clean-up is set to the same. */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    static final String CLIENT_NAME = "eventbus";
    private static final Duration PING_INTERVAL = Duration.ofSeconds(10);
    private static final Duration IDLE = Duration.ofMinutes(10);
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(NatsConnections.class);

    /** Where a connection goes and whose login it uses; {@code connectionId} null without a login. */
    record Address(String servers, Long connectionId, Long connectionVersion) {
    }

    /** A BASIC connection's username and password; {@code connection} is its name, for messages. */
    record Login(String connection, String user, String password) {

        @Override
        public String toString() {
            return "connection " + connection + " (user " + user + ")";
        }
    }

    /** An open connection, its JetStream context and what jnats reports about it. */
    record Open(Connection connection, JetStream jetStream, ConnectionWatch watch) {
    }

    /** A connect that failed: {@code reason} is what jnats reported on the way ({@link ConnectionWatch}). */
    static final class Unreachable extends Exception {

        private final String reason;

        Unreachable(String reason, Throwable cause) {
            super(reason, cause, false, false);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    private static final class Pooled {

        final CompletableFuture<Open> opened;
        volatile long usedAt = System.nanoTime();

        Pooled(CompletableFuture<Open> opened) {
            this.opened = opened;
        }

        /** Connecting, or connected; not failed, not closed. */
        boolean usable() {
            if (!opened.isDone()) {
                return true;
            }
            return !opened.isCompletedExceptionally()
                    && opened.join().connection().getStatus() == Connection.Status.CONNECTED;
        }
    }

    private final Map<Address, Pooled> pool = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor background;
    private final AtomicLong nextSweep = new AtomicLong(System.nanoTime() + SWEEP_EVERY.toNanos());

    NatsConnections() {
        AtomicInteger threads = new AtomicInteger();
        background = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "eventbus-nats-connect-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        background.allowCoreThreadTimeOut(true);
    }

    /**
     * The connection to {@code address}, opened if there is none or the last one closed. The future fails with
     * {@link Unreachable} (its cause jnats' exception, e.g. {@code AuthenticationException}) when it cannot connect.
     *
     * @param login null to connect without one
     */
    CompletableFuture<Open> open(Address address, Login login) {
        sweepNow();
        Pooled pooled = pool.get(address);
        if (pooled == null || !pooled.usable()) {
            pooled = pool.compute(address, (a, current) -> {
                if (current != null && current.usable()) {
                    return current;
                }
                if (current != null) {
                    retire(current);
                }
                return new Pooled(connect(a, login));
            });
            if (address.connectionId() != null) {
                retireOtherVersions(address);
            }
        }
        pooled.usedAt = System.nanoTime();
        return pooled.opened;
    }

    private CompletableFuture<Open> connect(Address address, Login login) {
        try {
            return CompletableFuture.supplyAsync(() -> connectNow(address, login), background);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new Unreachable("Eventbus is shutting down", e));
        }
    }

    /** Blocks for up to {@link #CONNECT_TIMEOUT} per server. */
    private Open connectNow(Address address, Login login) {
        ConnectionWatch watch = new ConnectionWatch(address.servers(), login == null ? null : login.toString());
        Options.Builder options = new Options.Builder()
                .servers(Arrays.stream(address.servers().split(",")).map(String::trim).toArray(String[]::new))
                .connectionName(CLIENT_NAME)
                .connectionTimeout(CONNECT_TIMEOUT)
                .noReconnect()
                .pingInterval(PING_INTERVAL)
                .maxPingsOut(2)
                .requestCleanupInterval(ACK_TIMEOUT)
                .useTimeoutException()
                .errorListener(watch)
                .connectionListener(watch);
        if (login != null) {
            options.userInfo(login.user().toCharArray(), login.password().toCharArray());
        }
        Connection connection = null;
        try {
            connection = Nats.connect(options.build());
            if (background.isShutdown()) {
                throw new IOException("Eventbus is shutting down");
            }
            Open open = new Open(connection, connection.jetStream(), watch);
            watch.opened();
            LOG.info("nats connection opened: servers={} login={} server={}", address.servers(),
                    login == null ? "(none)" : login, connection.getConnectedUrl());
            return open;
        } catch (IOException e) {
            close(connection, watch);
            String problem = watch.lastProblem();
            throw new CompletionException(new Unreachable(problem == null ? e.getMessage() : problem, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close(connection, watch);
            throw new CompletionException(new Unreachable("interrupted while connecting", e));
        }
    }

    /** Closes the connections of older (or newer) versions of {@code address}' stored connection. */
    private void retireOtherVersions(Address address) {
        pool.forEach((other, pooled) -> {
            if (other.servers().equals(address.servers()) && address.connectionId().equals(other.connectionId())
                    && !address.connectionVersion().equals(other.connectionVersion()) && pool.remove(other, pooled)) {
                retire(pooled);
            }
        });
    }

    /** Closes connections unused for {@link #IDLE}, at most once per {@link #SWEEP_EVERY}. */
    private void sweepNow() {
        long now = System.nanoTime();
        long next = nextSweep.get();
        if (now - next < 0 || !nextSweep.compareAndSet(next, now + SWEEP_EVERY.toNanos())) {
            return;
        }
        pool.forEach((address, pooled) -> {
            if (now - pooled.usedAt > IDLE.toNanos() && pool.remove(address, pooled)) {
                LOG.info("nats connection idle for {}: closing it: servers={}", IDLE, address.servers());
                retire(pooled);
            }
        });
    }

    /** Closes {@code pooled}'s connection once it is open (closing blocks: not on the caller's thread). */
    private void retire(Pooled pooled) {
        pooled.opened.thenAccept(open -> {
            try {
                background.execute(() -> close(open.connection(), open.watch()));
            } catch (RejectedExecutionException e) {
                close(open.connection(), open.watch()); // shutting down
            }
        });
    }

    private static void close(Connection connection, ConnectionWatch watch) {
        if (connection == null) {
            return;
        }
        watch.closing();
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("closing a nats connection failed: {}", e.toString());
        }
    }

    /** Closes every connection; attempts after this fail as unreachable. */
    @PreDestroy
    void closeAll() {
        background.shutdown();
        pool.values().forEach(pooled -> {
            if (pooled.opened.isDone() && !pooled.opened.isCompletedExceptionally()) {
                close(pooled.opened.join().connection(), pooled.opened.join().watch());
            } else {
                pooled.opened.cancel(false);
            }
        });
        pool.clear();
        background.shutdownNow();
    }
}
