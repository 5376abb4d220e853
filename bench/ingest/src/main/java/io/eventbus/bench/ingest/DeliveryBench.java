package io.eventbus.bench.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.HdrHistogram.Histogram;

/**
 * The delivery scenarios (bench/ingest/run.sh delivery): webhooks from the real server, with its embedded
 * PostgreSQL, to receivers in this JVM ({@link Receiver}). The bench starts and stops the servers itself through
 * server.sh, each scenario with a fresh home, since some need a restart with the same home.
 *
 * <ul>
 * <li>latency: open loop at R events/s in batches of B to one rule with one webhook target; each event carries
 *     its sequence number and the intended send time of its request, so the receiver measures the end-to-end
 *     latency from there (no coordinated omission) and counts lost and duplicated deliveries.
 * <li>drain: N deliveries loaded with delivery off (EVENTBUS_DELIVERY_ENABLED=false), then the server restarted
 *     with delivery on, same home; the rate at which they arrive at 1 or 10 receivers (10 webhook targets, one
 *     rule), between 10 % and 90 % of the arrivals.
 * <li>ingest: the closed loop of the ingest suite with delivery off, then on (one webhook target, or one queue
 *     target as in the ingest suite): what delivery costs ingest, and how fast it delivers meanwhile.
 * <li>replay: archived events replayed to one receiver while live events flow to another ({@link ReplayBench}).
 * <li>targets: the drain's measure for each kind of target, counted in the server's database ({@link TargetsBench}).
 * </ul>
 */
final class DeliveryBench {

    static final String BUS = "dl";
    static final String RULE = "hook";
    static final String QUEUE = "dl-q";

    final Flags flags;
    private final Path script;
    final Path work;
    final int pad;
    final double warmup;
    final double duration;
    final Receiver receiver;
    private final ReplayBench replay;
    private final TargetsBench targets;
    private final List<String> latencyRows = new ArrayList<>();
    private final List<String> drainRows = new ArrayList<>();
    private static final double SUSTAINED_SECONDS = 5;
    private final List<String> ingestRows = new ArrayList<>();
    private final List<String> startupRows = new ArrayList<>();
    private final List<Figure> latencyFigures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<ServerProcess> running = new CopyOnWriteArrayList<>();
    private long nextSeq;
    private boolean failed;

    private DeliveryBench(Map<String, String> values) throws IOException {
        this.flags = new Flags(values);
        this.script = Path.of(flags.get("server-script"));
        this.work = Path.of(flags.get("work"));
        this.pad = flags.num("pad");
        this.warmup = flags.dbl("warmup");
        this.duration = flags.dbl("duration");
        int receivers = 1;
        for (String k : flags.get("receivers").split(",")) {
            receivers = Math.max(receivers, Integer.parseInt(k.trim()));
        }
        if (flags.get("scenarios").contains("replay")) {
            receivers = Math.max(receivers, 2); // live events at receiver 0, replayed ones at receiver 1
        }
        this.receiver = new Receiver(receivers, flags.num("receiver-threads"));
        this.replay = new ReplayBench(this);
        this.targets = new TargetsBench(this);
    }

    /** Runs the delivery scenarios; true when all went without errors. */
    static boolean run(Map<String, String> flags) throws Exception {
        if (flags.get("server-script").isEmpty() || flags.get("work").isEmpty()) {
            throw new IllegalArgumentException("delivery needs --server-script and --work (run.sh delivery gives them)");
        }
        DeliveryBench bench = new DeliveryBench(flags);
        Thread hook = new Thread(bench::stopAll, "stop-servers");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            bench.suite();
        } finally {
            bench.stopAll();
            bench.receiver.close();
        }
        return !bench.failed;
    }

    private void suite() throws Exception {
        String machine = Machine.describe();
        Flags.out("== Eventbus delivery benchmark, " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", server commit "
                + flags.get("commit"));
        Flags.out(machine);
        Flags.out(String.format("%d receiver(s) (JDK HttpServer, %d handler threads shared; 0: each its own dispatcher"
                + " thread), e.g. %s", receiver.count(),
                flags.num("receiver-threads"), receiver.url(0)));
        for (String scenario : flags.get("scenarios").split(",")) {
            switch (scenario.trim()) {
                case "latency" -> latency();
                case "drain" -> {
                    for (String k : flags.get("receivers").split(",")) {
                        drain(Integer.parseInt(k.trim()));
                    }
                }
                case "ingest" -> ingest();
                case "replay" -> replay.run();
                case "targets" -> targets.run();
                case "startup" -> startup();
                default -> throw new IllegalArgumentException("unknown delivery scenario " + scenario
                        + " (latency, drain, ingest, replay, targets, startup)");
            }
        }
        notes.add("wire: " + receiver.wire());
        table(machine);
    }

    // ---------------------------------------------------------------------------------------------------------
    // latency

    private void latency() throws Exception {
        Flags.out("-- latency: server with delivery on, one rule, one webhook target");
        try (Phase p = phase("latency", true, 1, false)) {
            int rounds = Math.max(1, flags.num("rounds"));
            for (String run : flags.get("rates").split(",")) {
                String[] rb = run.trim().split("x");
                int rate = Integer.parseInt(rb[0]);
                int batch = rb.length > 1 ? Integer.parseInt(rb[1]) : 1;
                List<double[]> perRound = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    double w = round == 1 ? warmup : flags.dbl("round-warmup");
                    if (rounds > 1) {
                        Flags.out(String.format(Locale.ROOT, "-- round %d of %d", round, rounds));
                    }
                    perRound.add(latencyRun(p, rate, batch, w));
                }
                if (flags.num("rounds") > 0) {
                    latencyFigures.addAll(latencyFigures(rate, batch, perRound));
                }
            }
            receiver.track(null);
        }
    }

    /**
     * One open loop at {@code rate} events/s in batches of {@code batch}, after {@code warmupS} s of warm-up;
     * answers {e2e p50 ms, e2e p99 ms, server + postgres CPU µs per event}.
     */
    private double[] latencyRun(Phase p, int rate, int batch, double warmupS) throws Exception {
        long requests = (long) Math.ceil((warmupS + duration) * rate / batch) + 1;
        Arrivals arrivals = new Arrivals(nextSeq, (int) (requests * batch), 1);
        SeqBodies bodies = new SeqBodies(nextSeq, batch, arrivals, pad);
        nextSeq += requests * batch;
        receiver.track(arrivals);
        Flags.out(String.format("-- open loop: %,d events/s in batches of %d, %d workers; %.0f s warm-up, %.0f s"
                + " measured", rate, batch, flags.num("rate-workers"), warmupS, duration));
        IngestLoad.Result r = p.load.run("latency", 1, batch, flags.num("rate-workers"), warmupS, duration,
                batch * 1e9 / rate, bodies, requests);
        long[] tally = settle(arrivals, p.pg);
        Histogram e2e = arrivals.latency();
        String name = "latency " + rate + "/s x " + batch;
        checkSchedule(r, rate, batch, name);
        check(r, name);
        checkTally(tally, name);
        checkLate(tally, name);
        String memory = p.server.memory();
        String row = String.format(Locale.ROOT, "%,9d %5d %,10.0f %8s %8s | %8s %8s %8s %8s %,9d %6d %6d %6d %9s  %s",
                rate, batch, r.entriesPerSecond(), IngestBench.ms(r.ack(), 50), IngestBench.ms(r.ack(), 99),
                IngestBench.ms(e2e, 50), IngestBench.ms(e2e, 99), IngestBench.ms(e2e, 99.9), max(e2e),
                e2e.getTotalCount(), tally[0], tally[1], tally[3], memory, cpu(r.cpu()));
        latencyRows.add(row);
        Flags.out(String.format(Locale.ROOT, "   ingest %,.0f entries/s, ack p50/p99 %s/%s ms; end-to-end p50/p99/p999/max"
                + " %s/%s/%s/%s ms over %,d events; lost %d, duplicated %d, late %d; server rss/peak %s MiB; %s",
                r.entriesPerSecond(), IngestBench.ms(r.ack(), 50), IngestBench.ms(r.ack(), 99),
                IngestBench.ms(e2e, 50), IngestBench.ms(e2e, 99), IngestBench.ms(e2e, 99.9), max(e2e),
                e2e.getTotalCount(), tally[0], tally[1], tally[3], memory, r.cpu().brief()));
        double cpuPerEvent = (r.cpu().server() + r.cpu().postgres()) * 1e4 / rate;
        return new double[] {percentileMs(e2e, 50), percentileMs(e2e, 99), cpuPerEvent};
    }

    private static double percentileMs(Histogram h, double p) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(p) / 1000.0;
    }

    /** The figures of a rate's rounds, for the report and the guard: they describe this machine. */
    private static List<Figure> latencyFigures(int rate, int batch, List<double[]> rounds) {
        String at = rate + "x" + batch;
        String[][] names = {{"e2e-p50-ms@" + at, "end to end p50 ms, " + at}, {"e2e-p99-ms@" + at,
                "end to end p99 ms, " + at}, {"cpu-us-per-event@" + at, "server + pg CPU us/event, " + at}};
        List<Figure> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            int k = i;
            out.add(new Figure(names[i][0], names[i][1], false, false,
                    Figure.Spread.of(rounds.stream().map(v -> v[k]).toList())));
        }
        return out;
    }

    /** Fails the run when an open loop at rate events/s in batches of batch fell behind its schedule. */
    void checkSchedule(IngestLoad.Result r, int rate, int batch, String name) {
        long scheduled = (long) (duration * rate / batch);
        if (r.requests() < scheduled * 0.99) {
            failed = true;
            notes.add(String.format(Locale.ROOT, "!! %s: only %,d of %,d scheduled requests were sent in the measured"
                    + " window: the server fell more than 10 s behind the schedule", name, r.requests(), scheduled));
        }
    }

    /** Fails the run when {@link #settle} found late deliveries. */
    void checkLate(long[] tally, String name) {
        if (tally[3] > 0) {
            failed = true;
            notes.add(String.format(Locale.ROOT, "!! %s: %,d deliveries had not arrived %.0f s after the run; the"
                    + " server still had %,d deliveries to do (late, not lost; the next run starts next to that"
                    + " backlog)", name, tally[3], flags.dbl("drain-wait"), tally[4]));
        }
    }

    /**
     * Waits until every confirmed delivery arrived, or the server's backlog is empty and nothing arrived for 3 s
     * (what is missing then is lost), or --drain-wait s passed (what is missing then is late: still in the
     * backlog). Returns {lost, duplicated, unconfirmed, late, backlog at the end}.
     */
    long[] settle(Arrivals arrivals, PgCeiling pg) throws InterruptedException, java.sql.SQLException {
        long due = arrivals.due();
        long t0 = System.nanoTime();
        long last = -1;
        long lastChange = t0;
        long backlog = -1;
        while (System.nanoTime() - t0 < flags.dbl("drain-wait") * 1e9) {
            long n = arrivals.arrived();
            if (n >= due) {
                Thread.sleep(500); // room for duplicates
                break;
            }
            if (n != last) {
                last = n;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > 3_000_000_000L && pg.backlog() == 0) {
                break;
            }
            Thread.sleep(50);
        }
        backlog = pg.backlog();
        long[] t = arrivals.tally();
        long late = backlog > 0 ? t[0] : 0;
        return new long[] {t[0] - late, t[1], t[2], late, backlog};
    }

    // ---------------------------------------------------------------------------------------------------------
    // start-up

    /**
     * Cold start to healthy, --startups times: the jar started with a fresh home (the embedded PostgreSQL's initdb,
     * the migrations, the admin token), then stopped and started again on that home; seconds from the launch to
     * /health UP, and the server's resident memory once up and idle (2 s after).
     */
    private void startup() throws Exception {
        int count = flags.num("startups");
        Flags.out("-- start-up: " + count + " times a fresh home, then the same home again");
        for (int i = 1; i <= count; i++) {
            Path home = work.resolve("startup-" + i);
            for (String kind : List.of("fresh home", "same home")) {
                ServerProcess s = ServerProcess.launch(script, home, env(true));
                running.add(s);
                try {
                    s.awaitUp();
                    Thread.sleep(2_000);
                    String row = String.format(Locale.ROOT, "%5d %-10s %9.1f %12s", i, kind, s.startSeconds(),
                            s.memory());
                    startupRows.add(row);
                    Flags.out(String.format(Locale.ROOT, "   %d, %s: /health UP %.1f s after the launch; rss/peak %s MiB",
                            i, kind, s.startSeconds(), s.memory()));
                } finally {
                    s.close();
                    running.remove(s);
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // drain

    private void drain(int k) throws Exception {
        int events = flags.num("drain-deliveries") / k;
        int batch = flags.num("drain-batch");
        events = Math.max(batch, events / batch * batch);
        String layout = k == 1 ? "1 rule, 1 webhook target" : "1 rule, " + k + " webhook targets (ports)";
        Flags.out(String.format("-- drain, %d receiver(s): %s; %,d events = %,d deliveries loaded with delivery off", k,
                layout, events, events * k));
        Path home = work.resolve("drain-" + k);
        Arrivals arrivals = new Arrivals(nextSeq, events, k);
        SeqBodies bodies = new SeqBodies(nextSeq, batch, arrivals, pad);
        nextSeq += events;
        long stored;
        double loadRate;
        try (Phase p = phase(home, false, k, false)) {
            IngestLoad.Result r = p.load.run("drain load", 1, batch, flags.num("clients"), 0, 600, null, bodies,
                    events / batch);
            check(r, "drain load");
            loadRate = r.entriesPerSecond();
            stored = p.pg.deliveries(p.busId, RULE) - p.probes * (long) k;
            Flags.out(String.format(Locale.ROOT, "   loaded %,d events in %.1f s (%,.0f/s); %,d deliveries of the rule"
                    + " waiting (+%d probes)", r.entriesOk(), r.seconds(), loadRate, stored, p.probes * k));
            if (stored != (long) events * k) {
                failed = true;
                notes.add("!! drain " + k + ": " + stored + " deliveries stored, " + (long) events * k + " expected");
            }
            if (!flags.get("drain-sql").isBlank()) {
                try (java.sql.Connection c = p.pg.connect(); java.sql.Statement st = c.createStatement()) {
                    st.execute(flags.get("drain-sql"));
                }
                Flags.out("   ran --drain-sql before the restart: " + flags.get("drain-sql"));
                notes.add("drain " + k + ": --drain-sql before the restart: " + flags.get("drain-sql"));
            }
        }
        receiver.track(arrivals);
        long due = arrivals.due();
        Flags.out("   restarting with delivery on, same home");
        List<CpuUse.Snapshot> samples = new CopyOnWriteArrayList<>();
        List<Activity> activity = new CopyOnWriteArrayList<>();
        ServerProcess s = ServerProcess.launch(script, home, env(true));
        running.add(s);
        Thread sampler = sampler(s, Receiver::cpuNanos, samples, activity);
        double upAfter;
        String drainMemory = "-";
        long t10 = 0;
        long t90 = 0;
        long tLast = 0;
        int i10 = (int) Math.max(0, Math.ceil(0.1 * due) - 1);
        int i90 = (int) Math.max(0, Math.ceil(0.9 * due) - 1);
        try {
            s.awaitUp();
            upAfter = s.startSeconds();
            long last = -1;
            long lastChange = System.nanoTime();
            long deadline = System.nanoTime() + (long) (flags.dbl("drain-timeout") * 1e9);
            while (System.nanoTime() < deadline) {
                int n = arrivals.arrived();
                if (n >= due) {
                    break;
                }
                if (n != last) {
                    last = n;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > 15_000_000_000L) {
                    break;
                }
                Thread.sleep(20);
            }
            Thread.sleep(500); // room for duplicates, and a last CPU sample
            sampler.interrupt();
            sampler.join();
            long backlog = s.pg().backlog();
            drainMemory = s.memory();
            Flags.out(String.format("   backlog left in the database: %,d; server rss/peak %s MiB", backlog, drainMemory));
        } finally {
            sampler.interrupt();
            s.close();
            running.remove(s);
            receiver.track(null);
        }
        long[] tally = arrivals.tally();
        int n = arrivals.arrived();
        checkTally(tally, "drain " + k);
        if (n < due) {
            failed = true;
            notes.add(String.format("!! drain %d: only %,d of %,d deliveries arrived", k, n, due));
        }
        if (n == 0) {
            return;
        }
        long tFirst = arrivals.arrivalTime(0);
        tLast = arrivals.arrivalTime(Math.min(n, arrivals.expected()) - 1);
        if (n > i90) {
            t10 = arrivals.arrivalTime(i10);
            t90 = arrivals.arrivalTime(i90);
        }
        double steady = t90 > t10 ? (i90 - i10) / ((t90 - t10) / 1e9) : 0;
        double whole = tLast > tFirst ? (n - 1) / ((tLast - tFirst) / 1e9) : 0;
        double sustained = bestSustained(arrivals, n);
        CpuUse.Usage c = window(samples, t10, t90);
        String row = String.format(Locale.ROOT, "%-38s %,10d %,9.0f %,10.0f %,10.0f %,10.0f %7.1f %7.1f %7.1f %6d %6d %9s  %s",
                layout, due, loadRate, steady, sustained, whole, (tFirst - s.startedNanos()) / 1e9, upAfter,
                (tLast - s.startedNanos()) / 1e9, tally[0], tally[1], drainMemory, c == null ? "-" : cpu(c));
        drainRows.add(row);
        Flags.out(String.format(Locale.ROOT, "   %,d deliveries arrived; 10-90 %%: %,.0f/s; best 5 s: %,.0f/s; first to"
                + " last: %,.0f/s; first arrival %.1f s after the start, /health UP after %.1f s, last after %.1f s; lost %d, duplicated %d;"
                + " %s", n, steady, sustained, whole, (tFirst - s.startedNanos()) / 1e9, upAfter,
                (tLast - s.startedNanos()) / 1e9, tally[0], tally[1], c == null ? "no cpu" : c.brief()));
        Flags.out("   arrivals per second from the first: " + perSecond(arrivals, n));
        String pgSessions = sessions(activity, t10, t90);
        Flags.out("   server's postgres sessions, average count per state in the 10-90 % window: " + pgSessions);
        notes.add("drain " + k + ": postgres sessions of the server, average per state (10-90 %): " + pgSessions);
    }

    /** One look at the database sessions of the server. */
    record Activity(long nanos, List<String> sessions) {
    }

    /**
     * Samples CPU and the server's database sessions every 250 ms from the moment the server's postgres runs (its
     * pid is in postmaster.pid). target: the CPU time so far of what receives the deliveries, in nanoseconds (the
     * receivers' threads for webhooks), as {@link CpuUse.Usage#receiver()}.
     */
    Thread sampler(ServerProcess s, java.util.function.LongSupplier target, List<CpuUse.Snapshot> samples,
                   List<Activity> activity) {
        Thread t = new Thread(() -> {
            CpuUse cpu = null;
            java.sql.Connection c = null;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    if (cpu == null) {
                        long pm = s.postmasterPid();
                        if (pm > 0 && ProcessHandle.of(pm).map(ProcessHandle::isAlive).orElse(false)) {
                            cpu = new CpuUse(s.pid(), pm, target);
                        }
                    }
                    if (cpu != null) {
                        samples.add(cpu.snapshot());
                        try {
                            if (c == null) {
                                c = s.pg().connect();
                            }
                            activity.add(new Activity(System.nanoTime(), s.pg().activity(c)));
                        } catch (IOException | java.sql.SQLException e) {
                            c = null; // not up yet
                        }
                    }
                    Thread.sleep(250);
                }
            } catch (InterruptedException e) {
                // done
            } finally {
                try {
                    if (c != null) {
                        c.close();
                    }
                } catch (java.sql.SQLException e) {
                    // closing anyway
                }
            }
        }, "cpu-sampler");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Average number of sessions per state between from and to, most first. */
    static String sessions(List<Activity> activity, long from, long to) {
        Map<String, Integer> counts = new HashMap<>();
        int looks = 0;
        for (Activity a : activity) {
            if (a.nanos() >= from && a.nanos() <= to) {
                looks++;
                for (String st : a.sessions()) {
                    counts.merge(st, 1, Integer::sum);
                }
            }
        }
        if (looks == 0) {
            return "no samples";
        }
        final int n = looks;
        StringBuilder sb = new StringBuilder();
        counts.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).forEach(e -> sb
                .append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                .append(String.format(Locale.ROOT, "%.1f", e.getValue() / (double) n)));
        return sb + " (" + n + " looks)";
    }

    /** CPU between the first sample at or after from and the last at or before to; null when too short. */
    static CpuUse.Usage window(List<CpuUse.Snapshot> samples, long from, long to) {
        CpuUse.Snapshot a = null;
        CpuUse.Snapshot b = null;
        for (CpuUse.Snapshot x : samples) {
            if (a == null && x.nanos() >= from) {
                a = x;
            }
            if (x.nanos() <= to) {
                b = x;
            }
        }
        if (a == null || b == null || b.nanos() - a.nanos() < 300_000_000L) {
            return null;
        }
        return CpuUse.between(a, b);
    }

    /**
     * The highest rate over any {@code SUSTAINED_SECONDS} between arrivals: what the server sustains once warm (the
     * 10-90 % rate of a drain on a fresh JVM includes the JIT compiling the delivery path).
     */
    private static double bestSustained(Arrivals arrivals, int n) {
        return ArrivalRates.best(ArrivalRates.times(arrivals, n), Long.MIN_VALUE, Long.MAX_VALUE, SUSTAINED_SECONDS);
    }

    private static String perSecond(Arrivals arrivals, int n) {
        long[] times = ArrivalRates.times(arrivals, n);
        return ArrivalRates.perSecond(times, times[0]);
    }

    // ---------------------------------------------------------------------------------------------------------
    // ingest with delivery on and off

    private void ingest() throws Exception {
        for (String mode : flags.get("ingest-modes").split(",")) {
            mode = mode.trim();
            boolean on = !mode.equals("off");
            boolean queue = mode.equals("queue");
            if (!on && !mode.equals("off") || on && !queue && !mode.equals("webhook")) {
                throw new IllegalArgumentException("--ingest-modes: off, webhook or queue, not " + mode);
            }
            String what = on ? "delivery on, one " + (queue ? "queue" : "webhook") + " target"
                    : "delivery off (EVENTBUS_DELIVERY_ENABLED=false)";
            Flags.out("-- ingest, " + what);
            try (Phase p = phase("ingest-" + mode, on, 1, queue)) {
                for (String batch : flags.get("batches").split(",")) {
                    int b = Integer.parseInt(batch.trim());
                    long d0 = p.pg.delivered();
                    long t0 = System.nanoTime();
                    Flags.out(String.format("-- closed loop: %d clients, batches of %d, %s", flags.num("clients"), b, what));
                    IngestLoad.Result r = p.load.closedLoop("closed loop", 1, b, flags.num("clients"), warmup, duration);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    long d1 = p.pg.delivered();
                    long backlog = p.pg.backlog();
                    check(r, "ingest " + mode + " batch " + b);
                    double deliveredPerS = (d1 - d0) / seconds;
                    ingestRows.add(String.format(Locale.ROOT, "%-52s %5d %,10.0f %,8.0f %8s %8s %8s %,12.0f %,10d  %s",
                            what, b, r.entriesPerSecond(), r.requestsPerSecond(), IngestBench.ms(r.ack(), 50),
                            IngestBench.ms(r.ack(), 99), IngestBench.ms(r.ack(), 99.9), deliveredPerS, backlog,
                            cpu(r.cpu())));
                    Flags.out(String.format(Locale.ROOT, "   %,.0f entries/s, %,.0f req/s, p50/p99/p999 %s ms; delivered"
                            + " %,.0f/s over the run (warm-up included), backlog after it %,d; %s",
                            r.entriesPerSecond(), r.requestsPerSecond(), IngestBench.pct(r.ack()), deliveredPerS,
                            backlog, r.cpu().brief()));
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // set-up

    /** What a phase creates through the admin API before its rules (what their targets need). */
    interface SetUp {
        void create(Admin admin) throws IOException;
    }

    /** A running server with a bus, its rules with their targets, an API key, and a load generator on them. */
    final class Phase implements AutoCloseable {
        final ServerProcess server;
        final PgCeiling pg;
        final long busId;
        final IngestLoad load;
        int probes;

        /**
         * rules: name to rule body, put in this order; the data plane is matching once an event of the load
         * generator's probes (source bench.src, detail type Bench) makes a delivery for rule {@code probed}.
         */
        Phase(ServerProcess server, boolean queue, Map<String, String> rules, String probed, String layout,
              SetUp before) throws Exception {
            this.server = server;
            Admin admin = new Admin(server.url(), server.adminToken());
            if (queue) {
                admin.create("/v1/queues", "{\"name\":\"" + QUEUE + "\"}");
            }
            before.create(admin);
            admin.create("/v1/buses", "{\"name\":\"" + BUS + "\",\"description\":\"delivery bench\"}");
            for (Map.Entry<String, String> rule : rules.entrySet()) {
                admin.put("/v1/buses/" + BUS + "/rules/" + rule.getKey(), rule.getValue());
            }
            String key = admin.apiKey("bench", BUS);
            this.pg = server.pg();
            this.busId = pg.busId(BUS);
            CpuUse cpu = new CpuUse(server.pid(), server.postmasterPid(), Receiver::cpuNanos);
            this.load = new IngestLoad(server.url(), BUS, key, pad, cpu);
            long t0 = System.nanoTime();
            // the data plane matches with the rule once a probe makes a delivery; then the path is warm too
            while (pg.deliveries(busId, probed) == 0) {
                if (System.nanoTime() - t0 > 120_000_000_000L) {
                    throw new IOException("after 120 s the data plane still does not match with rule " + probed);
                }
                if (!load.putOne(IngestLoad.N_RANGE + 1)) {
                    throw new IOException("a probe event was refused");
                }
                probes++;
                Thread.sleep(300);
            }
            Flags.out(String.format(Locale.ROOT, "   server pid %d up in %.1f s at %s; set up bus %s, %s, API key;"
                    + " matching after %d probe(s)", server.pid(), server.startSeconds(), server.url(), BUS, layout,
                    probes));
        }

        @Override
        public void close() throws IOException {
            server.close();
            running.remove(server);
        }
    }

    private Phase phase(String name, boolean delivery, int targets, boolean queue) throws Exception {
        return phase(work.resolve(name), delivery, targets, queue);
    }

    private Phase phase(Path home, boolean delivery, int targets, boolean queue) throws Exception {
        return phase(home, delivery, queue, Map.of(RULE, rule(targets, queue)), RULE, String.format(Locale.ROOT,
                "rule %s (%d %s target(s))", RULE, queue ? 1 : targets, queue ? "queue" : "webhook"));
    }

    /** A fresh server with home {@code home} and the rules of {@link Phase#Phase}; stopped with the bench. */
    Phase phase(Path home, boolean delivery, boolean queue, Map<String, String> rules, String probed, String layout)
            throws Exception {
        return phase(home, delivery, queue, rules, probed, layout, admin -> { });
    }

    /** The same, with {@code before} run through the admin API before the rules are put. */
    Phase phase(Path home, boolean delivery, boolean queue, Map<String, String> rules, String probed, String layout,
                SetUp before) throws Exception {
        ServerProcess s = ServerProcess.launch(script, home, env(delivery));
        running.add(s);
        s.awaitUp();
        try {
            return new Phase(s, queue, rules, probed, layout, before);
        } catch (Exception e) {
            s.close();
            running.remove(s);
            throw e;
        }
    }

    /**
     * Starts a server with home {@code home} (an existing one: a restart) and returns once its JVM runs, before it is
     * healthy ({@link ServerProcess#launch}); stopped with the bench, or by {@link #stop}.
     */
    ServerProcess launch(Path home, boolean delivery) throws IOException, InterruptedException {
        ServerProcess s = ServerProcess.launch(script, home, env(delivery));
        running.add(s);
        return s;
    }

    /** Stops a server of {@link #launch}. */
    void stop(ServerProcess s) throws IOException {
        s.close();
        running.remove(s);
    }

    private static Map<String, String> env(boolean delivery) {
        Map<String, String> env = new HashMap<>();
        env.put("EVENTBUS_DELIVERY_ALLOW_PRIVATE_NETWORKS", "true");
        env.put("EVENTBUS_DELIVERY_ENABLED", Boolean.toString(delivery));
        return env;
    }

    /** The rule: every bench event, to {@code targets} webhook targets (receivers 0..) or to the queue. */
    private String rule(int targets, boolean queue) {
        StringBuilder sb = new StringBuilder("{\"description\":\"delivery bench\",\"eventPattern\":{\"source\":[\"")
                .append(IngestLoad.SOURCE).append("\"]},\"targets\":[");
        if (queue) {
            sb.append("{\"id\":\"q\",\"type\":\"queue\",\"queue\":{\"name\":\"").append(QUEUE).append("\"}}");
        } else {
            for (int i = 0; i < targets; i++) {
                sb.append(i == 0 ? "" : ",").append(webhook(i));
            }
        }
        return sb.append("]}").toString();
    }

    /** A webhook target {@code w<i>} to receiver i; the server signs its deliveries. */
    String webhook(int i) {
        return "{\"id\":\"w" + i + "\",\"type\":\"webhook\",\"webhook\":{\"url\":\"" + receiver.url(i)
                + "\",\"generateSigningSecret\":true}}";
    }

    /** Sequence numbers first .. first + n - 1 for a scenario's events; returns first. */
    long seqs(long n) {
        long first = nextSeq;
        nextSeq += n;
        return first;
    }

    // ---------------------------------------------------------------------------------------------------------
    // results

    void check(IngestLoad.Result r, String name) {
        if (r.non200() + r.ioErrors() + r.failedEntries() > 0) {
            failed = true;
            notes.add("!! " + name + ": " + r.non200() + " non-200/malformed, " + r.ioErrors() + " I/O errors, "
                    + r.failedEntries() + " failed entries; first: " + IngestLoad.abbreviate(String.valueOf(
                    r.firstError())));
        }
    }

    void checkTally(long[] tally, String name) {
        if (tally[0] > 0 || tally[1] > 0) {
            failed = true;
            notes.add(String.format("!! %s: %,d deliveries lost, %,d duplicated", name, tally[0], tally[1]));
        }
        if (tally[2] > 0) {
            notes.add(String.format("%s: %,d deliveries arrived for events whose ingest answer was not a clean 200",
                    name, tally[2]));
        }
    }

    static String max(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "-";
        }
        double v = h.getMaxValue() / 1000.0;
        return v < 10 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.0f", v);
    }

    static String cpu(CpuUse.Usage c) {
        return String.format(Locale.ROOT, "%.0f/%.0f/%.0f/%.0f/%.0f/%.0f/%.0f", c.machineBusy(), c.iowait(),
                c.server(), c.postgres(), c.client(), c.receiver(), c.other());
    }

    private void table(String machine) throws IOException {
        String cpuHead = "cpu% of 1 core: machine/iowait/server/pg/bench/receiver/other";
        StringBuilder sb = new StringBuilder();
        sb.append("\n== Eventbus delivery benchmark: results (server commit ").append(flags.get("commit")).append(")\n")
                .append(machine).append('\n');
        if (!latencyRows.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%nEnd-to-end latency: open loop, intended send time -> webhook at the"
                    + " receiver; 1 rule, 1 webhook target; %.0f s warm-up, %.0f s measured%n", warmup, duration));
            String head = String.format("%9s %5s %10s %8s %8s | %8s %8s %8s %8s %9s %6s %6s %6s %9s  %s%n", "events/s",
                    "batch", "ingested/s", "ack p50", "ack p99", "e2e p50", "e2e p99", "e2e p999", "e2e max",
                    "measured", "lost", "dup", "late", "rss MiB", cpuHead);
            sb.append(head).append("-".repeat(head.length())).append('\n');
            latencyRows.forEach(r -> sb.append(r).append('\n'));
            sb.append("(ms; ingested/s over the measured window; e2e over the events sent in it; late: not arrived"
                    + " --drain-wait s after the run while the server still had a backlog; bench = load generator +"
                    + " receiver; rss MiB: the server's resident memory after the run / its peak so far)\n");
        }
        if (!startupRows.isEmpty()) {
            sb.append(String.format("%nStart-up: from the launch of the jar to /health UP; rss/peak MiB 2 s after"
                    + " (idle)%n"));
            String head = String.format("%5s %-10s %9s %12s%n", "run", "home", "up after s", "rss MiB");
            sb.append(head).append("-".repeat(head.length())).append('\n');
            startupRows.forEach(r -> sb.append(r).append('\n'));
        }
        if (!drainRows.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%nDrain: deliveries loaded with delivery off, then the server restarted"
                    + " with delivery on (same home); rates at the receiver(s)%n"));
            String head = String.format("%-38s %10s %9s %10s %10s %10s %7s %7s %7s %6s %6s %9s  %s%n", "layout",
                    "deliveries", "loaded/s", "10-90 %/s", "best 5 s/s", "all/s", "first s", "up s", "last s", "lost", "dup",
                    "rss MiB", cpuHead + " (10-90 % window)");
            sb.append(head).append("-".repeat(head.length())).append('\n');
            drainRows.forEach(r -> sb.append(r).append('\n'));
            sb.append("(first/up/last: seconds from the start of the server to the first arrival, /health UP, the"
                    + " last arrival; all/s: first to last arrival; best 5 s: the highest rate over 5 s, once the JIT has"
                    + " compiled the delivery path; rss MiB: the server's resident memory at the end of the drain / its"
                    + " peak during it)\n");
        }
        if (!ingestRows.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%nIngest with delivery off and on: closed loop, %d clients, 1 rule;"
                    + " %.0f s warm-up, %.0f s measured%n", flags.num("clients"), warmup, duration));
            String head = String.format("%-52s %5s %10s %8s %8s %8s %8s %12s %10s  %s%n", "delivery", "batch",
                    "entries/s", "req/s", "p50 ms", "p99 ms", "p999 ms", "delivered/s", "backlog", cpuHead);
            sb.append(head).append("-".repeat(head.length())).append('\n');
            ingestRows.forEach(r -> sb.append(r).append('\n'));
            sb.append("(delivered/s: DELIVERED rows gained over the run, warm-up included; backlog: deliveries not"
                    + " yet done after it)\n");
        }
        replay.table(sb);
        targets.table(sb);
        if (!latencyFigures.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%nLatency in rounds: %d rounds on one server, the first after %.0f s of"
                    + " warm-up, the others after --round-warmup %.0f s%n", flags.num("rounds"), warmup,
                    flags.dbl("round-warmup")));
            latencyFigures.forEach(f -> sb.append(String.format(Locale.ROOT, "%-40s %s%n", f.label(), f.brief())));
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
            notes.forEach(n -> sb.append("- ").append(n).append('\n'));
        }
        guard(sb);
        flags.table(sb);
    }

    /** The guard's comparison or record of the latency rounds' figures (--baseline, --record). */
    private void guard(StringBuilder sb) throws IOException {
        if (!latencyFigures.isEmpty() && Guard.apply(flags, latencyFigures, flags.num("rounds"), sb)) {
            failed = true;
        }
    }

    /** A line under the table. */
    void note(String note) {
        notes.add(note);
    }

    /** An error: the run exits with status 1. */
    void fail(String note) {
        failed = true;
        notes.add(note);
    }

    private void stopAll() {
        for (ServerProcess s : running) {
            try {
                s.close();
            } catch (IOException e) {
                System.err.println("stopping server " + s.pid() + ": " + e);
            }
        }
        running.clear();
    }
}
