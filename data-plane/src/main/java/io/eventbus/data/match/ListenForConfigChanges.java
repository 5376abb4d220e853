package io.eventbus.data.match;

import io.eventbus.core.change.ConfigChannel;
import io.eventbus.core.role.DataRole;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.annotation.PreDestroy;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps {@link MatchRules} current: one thread LISTENs on {@link ConfigChannel} with its own connection and
 * rebuilds each bus named in a notification (within a second of the control plane's commit); every
 * {@code eventbus.match.resync-interval} (default 60 s), and after a lost connection, it rebuilds every bus as a
 * fallback for missed notifications. The loop never dies: errors are logged and it reconnects.
 */
@Context
@DataRole
final class ListenForConfigChanges implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ListenForConfigChanges.class);
    private static final int POLL_MILLIS = 250;

    private final DataSource dataSource;
    private final MatchRules rules;
    private final Duration resync;
    private final Thread thread;
    private volatile boolean running = true;

    ListenForConfigChanges(DataSource dataSource, Optional<DataSourceResolver> resolver, MatchRules rules,
                           @Value("${eventbus.match.resync-interval:60s}") Duration resync) {
        this.dataSource = resolver.orElse(DataSourceResolver.DEFAULT).resolve(dataSource);
        this.rules = rules;
        this.resync = resync;
        this.thread = new Thread(this, "eventbus-config-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                listen(connection);
            } catch (Exception e) {
                if (running) {
                    LOG.warn("listening for configuration changes failed ({}); reconnecting in 1 s and rebuilding"
                            + " every bus", e.toString());
                    sleep(1000);
                    rules.refreshAll();
                }
            }
        }
    }

    private void listen(Connection connection) throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute("LISTEN " + ConfigChannel.NAME);
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        long nextResync = System.nanoTime() + resync.toNanos();
        while (running) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications != null && notifications.length > 0) {
                Set<String> changed = new LinkedHashSet<>();
                for (PGNotification n : notifications) {
                    changed.add(n.getParameter());
                }
                changed.forEach(rules::refresh);
            }
            if (System.nanoTime() > nextResync) {
                rules.refreshAll();
                nextResync = System.nanoTime() + resync.toNanos();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        thread.interrupt();
    }
}
