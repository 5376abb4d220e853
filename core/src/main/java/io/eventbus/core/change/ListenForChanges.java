package io.eventbus.core.change;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.annotation.PreDestroy;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Hears {@link ConfigChannel} in every process, whatever its roles: one thread LISTENs with its own connection
 * and hands each payload (within a second of the commit that announced it; repeated payloads of one poll once) to
 * every {@link ConfigChannel.Listener} bean: the data plane rebuilds a bus' rules, every process learns of revoked
 * console sessions. After each (re)connect the listeners reread what they may have missed. The loop never dies:
 * errors are logged and it reconnects.
 */
@Context
@Requires(beans = DataSource.class)
final class ListenForChanges implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ListenForChanges.class);
    private static final int POLL_MILLIS = 250;

    private final DataSource dataSource;
    private final List<ConfigChannel.Listener> listeners;
    private final Thread thread;
    private volatile boolean running = true;

    ListenForChanges(DataSource dataSource, Optional<DataSourceResolver> resolver,
                     List<ConfigChannel.Listener> listeners) {
        this.dataSource = resolver.orElse(DataSourceResolver.DEFAULT).resolve(dataSource);
        this.listeners = List.copyOf(listeners);
        this.thread = new Thread(this, "eventbus-config-listener");
        thread.setDaemon(true);
    }

    @EventListener
    void start(StartupEvent event) {
        if (!listeners.isEmpty()) {
            thread.start();
        }
    }

    @Override
    public void run() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                listen(connection);
            } catch (Exception e) {
                if (running) {
                    LOG.warn("listening for configuration changes failed ({}); reconnecting in 1 s and rereading"
                            + " what may have been missed", e.toString());
                    sleep(1000);
                }
            }
        }
    }

    private void listen(Connection connection) throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute("LISTEN " + ConfigChannel.NAME);
        }
        for (ConfigChannel.Listener listener : listeners) {
            listener.missedAnnouncements();
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (running) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications != null && notifications.length > 0) {
                Set<String> payloads = new LinkedHashSet<>();
                for (PGNotification n : notifications) {
                    payloads.add(n.getParameter());
                }
                for (String payload : payloads) {
                    for (ConfigChannel.Listener listener : listeners) {
                        listener.announced(payload);
                    }
                }
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
