package io.eventbus.data.deliver.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What jnats reports in the background about one pooled connection, where an attempt can use it:
 * <ul>
 *     <li>the last problem while connecting: jnats' own exception says only "Unable to connect to NATS servers";</li>
 *     <li>permission violations: the server answers a publish it refuses with {@code -ERR} on the connection, not
 *     with a reply, so the publishes waiting on that subject are failed at once ({@link Denied}) instead of waiting
 *     for the acknowledgement timeout;</li>
 *     <li>a connection that closes without being asked to (its server stopped, a ping went unanswered): logged
 *     once; the pool replaces it on the next attempt.</li>
 * </ul>
 * Thread-safe; jnats calls it on its own threads.
 */
final class ConnectionWatch implements ErrorListener, ConnectionListener {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionWatch.class);
    private static final String PUBLISH_DENIED = "Permissions Violation for Publish to ";
    private static final String SUBSCRIBE_DENIED = "Permissions Violation for Subscription to ";

    private final String servers;
    private final String login;
    private final Map<String, Set<CompletableFuture<?>>> waiting = new ConcurrentHashMap<>();
    private volatile Exception lastProblem;
    private volatile String lastError;
    private volatile boolean opened;
    private volatile boolean closing;

    /** @param login who logs in, for the logs: a connection's name and user, or null */
    ConnectionWatch(String servers, String login) {
        this.servers = servers;
        this.login = login;
    }

    /** The server refused what a future waited for: its {@code -ERR} text. */
    static final class Denied extends Exception {

        Denied(String violation) {
            super(violation, null, false, false);
        }
    }

    /**
     * Sends with {@code send} and returns its reply, failed with {@link Denied} if the server refuses a publish to
     * {@code subject} meanwhile. The reply is watched from before it is sent: the refusal may come before
     * {@code send} returns. An exception {@code send} throws fails the reply.
     */
    <T> CompletableFuture<T> send(String subject, Supplier<CompletableFuture<T>> send) {
        CompletableFuture<T> reply = new CompletableFuture<>();
        waiting.compute(subject, (s, set) -> {
            Set<CompletableFuture<?>> futures = set == null ? ConcurrentHashMap.newKeySet() : set;
            futures.add(reply);
            return futures;
        });
        reply.whenComplete((r, e) -> waiting.computeIfPresent(subject, (s, set) -> {
            set.remove(reply);
            return set.isEmpty() ? null : set;
        }));
        try {
            send.get().whenComplete((r, e) -> {
                if (e == null) {
                    reply.complete(r);
                } else {
                    reply.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            reply.completeExceptionally(e);
        }
        return reply;
    }

    /** The last exception or {@code -ERR} jnats reported, for the message of a failed connect; null if none. */
    String lastProblem() {
        Exception problem = lastProblem;
        if (problem != null) {
            return problem.getMessage() == null ? problem.getClass().getSimpleName()
                    : problem.getClass().getSimpleName() + ": " + problem.getMessage();
        }
        return lastError;
    }

    void opened() {
        opened = true;
    }

    /** The pool closes it: its close is no news. */
    void closing() {
        closing = true;
    }

    @Override
    public void errorOccurred(Connection conn, String error) {
        lastError = error;
        if (error.startsWith(PUBLISH_DENIED)) {
            deny(waiting.remove(unquote(error.substring(PUBLISH_DENIED.length()))), error);
        } else if (error.startsWith(SUBSCRIBE_DENIED)) {
            // without its reply subscription no acknowledgement can arrive: every publish waits in vain
            waiting.values().forEach(futures -> deny(futures, error));
        } else {
            LOG.debug("nats server error: servers={} error={}", servers, error);
        }
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
        lastProblem = exp;
        LOG.debug("nats connection problem: servers={} problem={}", servers, exp.toString());
    }

    @Override
    public void connectionEvent(Connection conn, Events type, Long time, String uriDetails) {
        if (type == Events.CLOSED && opened && !closing) {
            LOG.warn("nats connection lost: servers={} login={} reason={}; the next attempt connects again", servers,
                    login == null ? "(none)" : login, lastProblem() == null ? "unknown" : lastProblem());
        }
    }

    /** Required by the interface; jnats calls the four-argument form. */
    @Override
    @Deprecated
    public void connectionEvent(Connection conn, Events type) {
        connectionEvent(conn, type, null, null);
    }

    private static void deny(Set<CompletableFuture<?>> futures, String violation) {
        if (futures != null) {
            futures.forEach(f -> f.completeExceptionally(new Denied(violation)));
        }
    }

    private static String unquote(String subject) {
        String s = subject.trim();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
