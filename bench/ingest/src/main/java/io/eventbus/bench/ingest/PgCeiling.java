package io.eventbus.bench.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * The raw PostgreSQL ceiling: plain JDBC into the server's own embedded PostgreSQL, writing what an accepted
 * event costs the server (one event row with its envelope, one delivery row) into scratch copies of the two
 * tables, batches of B events per transaction, K connections, each batch committed (synchronous_commit as the
 * server has it: on). No HTTP, no JSON parsing, no matching: what the database alone can take.
 */
final class PgCeiling {

    record Result(int connections, int batch, double seconds, long events, long transactions, Histogram commit,
                  CpuUse.Usage cpu, String settings, String firstError) {
        double eventsPerSecond() {
            return events / seconds;
        }
    }

    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;
    private final String url;
    private final String user;
    private final String password;

    PgCeiling(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** The JDBC URL of the embedded PostgreSQL of an Eventbus home: its port is line 4 of postmaster.pid. */
    static String urlOfHome(Path home) throws IOException {
        List<String> lines = Files.readAllLines(home.resolve("postgres").resolve("postmaster.pid"));
        return "jdbc:postgresql://127.0.0.1:" + lines.get(3).trim() + "/eventbus";
    }

    static long postmasterPid(Path home) {
        try {
            return Long.parseLong(Files.readAllLines(home.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url + (url.contains("?") ? "&" : "?")
                + "reWriteBatchedInserts=true&ApplicationName=ingest-bench", user, password);
        c.setAutoCommit(true);
        return c;
    }

    /** fsync, synchronous_commit, ... as the server's postgres runs them: the ceiling must not be flattered. */
    String settings() throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String name : List.of("server_version", "fsync", "synchronous_commit", "full_page_writes",
                    "wal_sync_method", "shared_buffers")) {
                try (ResultSet rs = s.executeQuery("SHOW " + name)) {
                    rs.next();
                    sb.append(sb.length() == 0 ? "" : ", ").append(name).append('=').append(rs.getString(1));
                }
            }
        }
        return sb.toString();
    }

    /**
     * VACUUM (ANALYZE) of the whole database, so that autovacuum of what was just loaded does not fall in a
     * measured loop. Returns the seconds it took.
     */
    double vacuum() throws SQLException {
        long t0 = System.nanoTime();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("VACUUM (ANALYZE)");
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    long busId(String bus) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT id FROM bus WHERE name = ?")) {
            ps.setString(1, bus);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 1;
            }
        }
    }

    /** {events of the bus, average envelope length, deliveries per event}; average 0 when no events yet. */
    double[] serverEnvelope(long busId) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("""
                SELECT (SELECT count(*) FROM event WHERE bus_id = ?),
                       (SELECT coalesce(avg(length(envelope)), 0) FROM event WHERE bus_id = ?),
                       (SELECT count(*) FROM delivery WHERE bus_id = ?)""")) {
            ps.setLong(1, busId);
            ps.setLong(2, busId);
            ps.setLong(3, busId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long events = rs.getLong(1);
                return new double[] {events, rs.getDouble(2), events == 0 ? 0 : rs.getLong(3) / (double) events};
            }
        }
    }

    /** Deliveries the server created for one rule of a bus. */
    long deliveries(long busId, String rule) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM delivery WHERE bus_id = ? AND rule_name = ?")) {
            ps.setLong(1, busId);
            ps.setString(2, rule);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * What the server's database sessions are doing now: one entry per session of the eventbus database other
     * than this tool's, "idle", "idle in transaction", or "active" with its wait event ("active CPU" without one).
     */
    List<String> activity(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT state, wait_event_type, wait_event FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid()
                  AND application_name NOT LIKE 'ingest-bench%'""")) {
            while (rs.next()) {
                String state = rs.getString(1);
                if ("active".equals(state) || "idle in transaction".equals(state)) {
                    String wait = rs.getString(3);
                    out.add(state + " " + (wait == null ? "CPU" : rs.getString(2) + ":" + wait));
                } else {
                    out.add(String.valueOf(state));
                }
            }
        }
        return out;
    }

    /** Deliveries in state DELIVERED, all buses. */
    long delivered() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT count(*) FROM delivery WHERE state = 'DELIVERED'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Deliveries not yet finished (what the server's delivery workers still have to do). */
    long backlog() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT count(*) FROM delivery WHERE state IN ('AVAILABLE', 'RETRYABLE', 'RUNNING')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The envelope the server stores for a bench event, in the EventBridge shape. */
    static String envelope(UUID id, Instant time, String detail) {
        return "{\"version\":\"0\",\"id\":\"" + id + "\",\"detail-type\":\"" + IngestLoad.DETAIL_TYPE
                + "\",\"source\":\"" + IngestLoad.SOURCE + "\",\"account\":\"000000000000\",\"time\":\""
                + ISO.format(time) + "\",\"region\":\"local\",\"resources\":[],\"detail\":" + detail + "}";
    }

    Result run(long busId, int connections, int batch, List<String> details, double warmupS, double durationS,
               CpuUse cpu) throws SQLException, InterruptedException {
        String settings = settings();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_event, bench_delivery");
            // the same columns, defaults, keys and indexes (and the same partitioning) as the real tables
            s.execute("CREATE TABLE bench_event (LIKE event INCLUDING ALL) PARTITION BY RANGE (ingested_at)");
            s.execute("CREATE TABLE bench_event_default PARTITION OF bench_event DEFAULT");
            s.execute("CREATE TABLE bench_delivery (LIKE delivery INCLUDING ALL)");
        }
        try {
            return load(busId, connections, batch, details, warmupS, durationS, cpu, settings);
        } finally {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bench_event, bench_delivery");
            }
        }
    }

    private Result load(long busId, int connections, int batch, List<String> details, double warmupS,
                        double durationS, CpuUse cpu, String settings) throws SQLException, InterruptedException {
        long start = System.nanoTime() + 200_000_000L;
        long warmEnd = start + (long) (warmupS * 1e9);
        long end = warmEnd + (long) (durationS * 1e9);
        AtomicLong events = new AtomicLong();
        AtomicLong transactions = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        Histogram commit = new Histogram(600_000_000L, 3);
        CountDownLatch done = new CountDownLatch(connections);
        List<Connection> open = new ArrayList<>();
        for (int k = 0; k < connections; k++) {
            open.add(connect());
        }
        for (int k = 0; k < connections; k++) {
            Connection conn = open.get(k);
            final int seed = k;
            Thread t = new Thread(() -> {
                Histogram mine = new Histogram(600_000_000L, 3);
                SplittableRandom random = Uuid7.random();
                try (PreparedStatement ev = conn.prepareStatement("""
                             INSERT INTO bench_event (id, bus_id, ingested_at, event_time, source, detail_type, envelope)
                             VALUES (?, ?, ?, ?, ?, ?, ?)""");
                     PreparedStatement dl = conn.prepareStatement("""
                             INSERT INTO bench_delivery (id, event_id, event_ingested_at, bus_id, rule_name, target_id)
                             VALUES (?, ?, ?, ?, ?, ?)""")) {
                    conn.setAutoCommit(false);
                    IngestLoad.parkUntil(start);
                    int v = seed;
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
                        for (int i = 0; i < batch; i++) {
                            UUID id = Uuid7.next(random);
                            ev.setObject(1, id);
                            ev.setLong(2, busId);
                            ev.setObject(3, at);
                            ev.setObject(4, at);
                            ev.setString(5, IngestLoad.SOURCE);
                            ev.setString(6, IngestLoad.DETAIL_TYPE);
                            ev.setString(7, envelope(id, now, details.get(v++ % details.size())));
                            ev.addBatch();
                            dl.setObject(1, Uuid7.next(random));
                            dl.setObject(2, id);
                            dl.setObject(3, at);
                            dl.setLong(4, busId);
                            dl.setString(5, "r-0");
                            dl.setString(6, "q");
                            dl.addBatch();
                        }
                        ev.executeBatch();
                        dl.executeBatch();
                        conn.commit();
                        long t1 = System.nanoTime();
                        if (t1 >= warmEnd && t1 <= end) {
                            events.addAndGet(batch);
                            transactions.incrementAndGet();
                            mine.recordValue(Math.max(1, (t1 - t0) / 1_000));
                        }
                    }
                } catch (SQLException | RuntimeException e) {
                    if (firstError.compareAndSet(null, e.toString())) {
                        System.err.println("!! raw PostgreSQL: " + e);
                    }
                } finally {
                    synchronized (commit) {
                        commit.add(mine);
                    }
                    done.countDown();
                }
            }, "pg-" + k);
            t.setDaemon(true);
            t.start();
        }
        IngestLoad.parkUntil(warmEnd);
        CpuUse.Snapshot c0 = cpu.snapshot();
        IngestLoad.parkUntil(end);
        CpuUse.Snapshot c1 = cpu.snapshot(); // before the backends exit and take their CPU time with them
        done.await();
        for (Connection c : open) {
            c.close();
        }
        return new Result(connections, batch, durationS, events.get(), transactions.get(), commit,
                CpuUse.between(c0, c1), settings, firstError.get());
    }

    /** UUIDv7 (RFC 9562) made with java.util.UUID: 48-bit Unix milliseconds, then random bits. */
    static final class Uuid7 {
        private static final SecureRandom SEED = new SecureRandom();

        static UUID next(SplittableRandom random) {
            long ms = System.currentTimeMillis();
            long msb = (ms << 16) | 0x7000L | (random.nextLong() & 0x0fffL);
            long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
            return new UUID(msb, lsb);
        }

        static SplittableRandom random() {
            return new SplittableRandom(SEED.nextLong());
        }
    }
}
