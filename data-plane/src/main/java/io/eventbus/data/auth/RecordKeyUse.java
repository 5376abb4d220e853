package io.eventbus.data.auth;

import io.eventbus.core.role.DataRole;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records when each API key was last used ({@code api_key.last_used_at}), to the minute, without a write per
 * request: a request notes its key's minute in memory, and at most once a minute per key that minute is queued;
 * every {@value #FLUSH_SECONDS} s one UPDATE writes every queued key. {@code last_used_at} only moves forward,
 * so data-plane processes that flush in any order agree. What is queued at shutdown is written then.
 * Thread-safe: {@link #used} is called by request threads, {@link #flush} by the flushing thread (started on
 * the start-up event) and by shutdown; a failed flush keeps its keys for the next one.
 */
@Singleton
@DataRole
public class RecordKeyUse {

    private static final Logger LOG = LoggerFactory.getLogger(RecordKeyUse.class);
    static final int FLUSH_SECONDS = 10;
    /** Keys whose minute is remembered; past this the memory is forgotten, which costs a write per key at most. */
    private static final int MAX_NOTED = 100_000;
    private static final String WRITE = """
            UPDATE api_key k SET last_used_at = to_timestamp(u.epoch_second)
            FROM unnest(CAST(? AS uuid[]), CAST(? AS bigint[])) AS u(id, epoch_second)
            WHERE k.id = u.id AND (k.last_used_at IS NULL OR k.last_used_at < to_timestamp(u.epoch_second))
            """;

    private final DataSource dataSource;
    private final Clock clock;
    /** The last minute noted per key: a use in the same minute changes nothing. */
    private final Map<UUID, Instant> noted = new ConcurrentHashMap<>();
    /** Minutes not written yet, per key. */
    private final Map<UUID, Instant> queued = new ConcurrentHashMap<>();
    private final AtomicLong written = new AtomicLong();
    private volatile ScheduledExecutorService flusher;

    @Inject
    RecordKeyUse(DataSource dataSource, Optional<DataSourceResolver> resolver, Clock clock) {
        this(resolver.orElse(DataSourceResolver.DEFAULT).resolve(dataSource), clock);
    }

    RecordKeyUse(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Notes that {@code key} authenticated a request now. Cheap: no I/O. */
    public void used(UUID key) {
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Instant before = noted.get(key);
        if (before != null && !minute.isAfter(before)) {
            return;
        }
        if (noted.size() >= MAX_NOTED) {
            noted.clear();
        }
        noted.merge(key, minute, RecordKeyUse::later);
        queued.merge(key, minute, RecordKeyUse::later);
    }

    /**
     * Writes every queued key in one statement.
     *
     * @return the keys written (0 without a statement when none was queued)
     */
    public int flush() {
        Map<UUID, Instant> batch = new HashMap<>();
        for (UUID key : queued.keySet()) {
            Instant minute = queued.remove(key);
            if (minute != null) {
                batch.put(key, minute);
            }
        }
        if (batch.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(WRITE)) {
            c.setAutoCommit(true);
            ps.setArray(1, c.createArrayOf("uuid", batch.keySet().toArray()));
            ps.setArray(2, c.createArrayOf("bigint", batch.values().stream().map(Instant::getEpochSecond).toArray()));
            ps.executeUpdate();
            written.addAndGet(batch.size());
            return batch.size();
        } catch (SQLException | RuntimeException e) {
            batch.forEach((key, minute) -> queued.merge(key, minute, RecordKeyUse::later));
            throw new IllegalStateException("recording when " + batch.size() + " API keys were last used failed", e);
        }
    }

    /** Keys written since this process started. */
    public long written() {
        return written.get();
    }

    @EventListener
    void start(StartupEvent event) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "eventbus-api-key-use");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::flushQuietly, FLUSH_SECONDS, FLUSH_SECONDS, TimeUnit.SECONDS);
        flusher = executor;
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("{}; trying again in {} s: {}", e.getMessage(), FLUSH_SECONDS, String.valueOf(e.getCause()));
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        ScheduledExecutorService executor = flusher;
        if (executor != null) {
            executor.shutdown();
            executor.awaitTermination(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        }
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("{} at shutdown: {}", e.getMessage(), String.valueOf(e.getCause()));
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
