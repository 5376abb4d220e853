package io.eventbus.server;

import io.eventbus.core.role.Role;
import io.eventbus.core.startup.StartupFailure;
import io.eventbus.server.database.Database;
import io.eventbus.server.database.EmbeddedDatabase;
import io.eventbus.server.database.ExternalDatabase;
import io.eventbus.server.home.EventbusHome;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Starts Eventbus: opens the home, prepares the database (embedded unless {@code DATASOURCES_DEFAULT_URL} is
 * set), starts the application context with the roles of this process and its HTTP server, prints the banner.
 * Stops in the reverse order on SIGTERM or Ctrl-C, so no postgres outlives the process.
 *
 * <p>A problem the operator can fix ends the start with one line on stderr and exit code 1.
 */
public final class EventbusServer {

    private static final Logger LOG = LoggerFactory.getLogger(EventbusServer.class);

    private final ServerSettings settings;
    private final long startedNanos = System.nanoTime();
    private EventbusHome home;
    private Database database;
    private ApplicationContext context;
    private final CountDownLatch stopped = new CountDownLatch(1);

    EventbusServer(ServerSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        EventbusServer server;
        try {
            server = new EventbusServer(ServerSettings.from(System.getenv(), System.getProperties()));
        } catch (IllegalArgumentException e) {
            exit(e.getMessage());
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "eventbus-shutdown"));
        try {
            server.start();
        } catch (RuntimeException | Error e) {
            server.stop();
            Optional<StartupFailure> known = causeOfType(e, StartupFailure.class);
            if (known.isEmpty()) {
                LOG.error("Eventbus failed to start", e);
            }
            exit(known.map(Throwable::getMessage).orElse("start-up failed: " + e + " (the log above has the details)"));
            return;
        }
        server.awaitStop();
    }

    void start() {
        checkPortIsFree(settings.port());
        if (settings.needsHome()) {
            home = EventbusHome.open(settings.home());
        }
        database = settings.externalUrl()
                .<Database>map(url -> ExternalDatabase.connect(url, settings.externalUsername(), settings.externalPassword()))
                .orElseGet(() -> EmbeddedDatabase.start(home));
        Map<String, Object> properties = new HashMap<>(database.dataSourceProperties());
        properties.put(Role.PROPERTY, Role.format(settings.roles()));
        properties.put("eventbus.home", settings.home().toString());
        properties.put("micronaut.server.port", settings.port());
        context = ApplicationContext.builder(EventbusServer.class)
                .deduceEnvironment(false)
                .banner(false)
                .properties(properties)
                .start();
        EmbeddedServer http = context.getBean(EmbeddedServer.class);
        startHttp(http);
        Banner.print(System.out, new Banner.Facts(http.getURL().toString(), settings.roles(),
                database.description(), context, System.nanoTime() - startedNanos));
    }

    /** Before anything is started or written: a taken port is the commonest start-up mistake. */
    private static void checkPortIsFree(int port) {
        if (port <= 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw portInUse(port, e);
        }
    }

    private static StartupFailure portInUse(int port, Exception cause) {
        return new StartupFailure("port " + port + " is already in use; stop what uses it or set"
                + " MICRONAUT_SERVER_PORT to another port", cause);
    }

    private static void startHttp(EmbeddedServer http) {
        try {
            http.start();
        } catch (RuntimeException e) {
            Optional<BindException> bind = causeOfType(e, BindException.class);
            if (bind.isPresent()) {
                throw portInUse(http.getPort(), e);
            }
            throw e;
        }
    }

    /** Idempotent; runs on the shutdown hook and after a failed start. */
    synchronized void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
        if (home != null) {
            home.close();
            home = null;
        }
        stopped.countDown();
    }

    /** Keeps the main thread, and so the JVM, alive until {@link #stop()}. */
    private void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T extends Throwable> Optional<T> causeOfType(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    private static void exit(String message) {
        System.err.println("eventbus: " + message);
        System.exit(1);
    }
}
