package io.eventbus.bench.ingest;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * Ingest benchmark of a running Eventbus (see bench/ingest/run.sh, which starts one and calls this).
 *
 * <pre>
 * java -jar bench/ingest/target/ingest-bench.jar suite --url http://127.0.0.1:PORT --home EVENTBUS_HOME [flags]
 * java -jar bench/ingest/target/ingest-bench.jar pg    --home EVENTBUS_HOME [flags]     raw PostgreSQL only
 * java -jar bench/ingest/target/ingest-bench.jar help
 * </pre>
 */
public final class IngestBench {

    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("url", "http://127.0.0.1:8080");
        DEFAULTS.put("home", "");
        DEFAULTS.put("admin-token", "");
        DEFAULTS.put("jdbc-url", "");
        DEFAULTS.put("jdbc-user", "postgres");
        DEFAULTS.put("jdbc-password", "");
        DEFAULTS.put("server-pid", "0");
        DEFAULTS.put("bus", "bench");
        DEFAULTS.put("queue", "bench-q");
        DEFAULTS.put("scenarios", "pg,open,closed");
        DEFAULTS.put("clients", "32");
        DEFAULTS.put("warmup", "5");
        DEFAULTS.put("duration", "20");
        DEFAULTS.put("batches", "10,100");
        DEFAULTS.put("rules", "1,100,10000");
        DEFAULTS.put("rule-clients", "8");
        DEFAULTS.put("rate", "2000");
        DEFAULTS.put("rate-batch", "10");
        DEFAULTS.put("rate-workers", "32");
        DEFAULTS.put("pad", "256");
        DEFAULTS.put("idempotency-keys", "false");
        DEFAULTS.put("schema-validation", "OFF");
        DEFAULTS.put("archive", "none");
        DEFAULTS.put("pg-connections", "8");
        DEFAULTS.put("pg-batch", "100");
        DEFAULTS.put("pg-extra", "");
        DEFAULTS.put("drain-wait", "60");
        DEFAULTS.put("out", "");
        DEFAULTS.put("rounds", "0");
        DEFAULTS.put("warmup-max", "120");
        DEFAULTS.put("steady-slice", "3");
        DEFAULTS.put("steady-tolerance", "0.05");
        DEFAULTS.put("baseline", "");
        DEFAULTS.put("record", "");
        // delivery
        DEFAULTS.put("server-script", "");
        DEFAULTS.put("work", "");
        DEFAULTS.put("commit", "?");
        DEFAULTS.put("rates", "200x1,1000x1,5000x10");
        DEFAULTS.put("receivers", "1,10");
        DEFAULTS.put("receiver-threads", "0");
        DEFAULTS.put("drain-deliveries", "200000");
        DEFAULTS.put("drain-sql", "");
        DEFAULTS.put("drain-batch", "100");
        DEFAULTS.put("drain-timeout", "300");
        DEFAULTS.put("ingest-modes", "off,webhook,queue");
        DEFAULTS.put("replay-events", "400000");
        DEFAULTS.put("replay-live-rate", "1000");
        DEFAULTS.put("replay-rate", "0");
        DEFAULTS.put("replay-rounds", "0");
        DEFAULTS.put("round-warmup", "10");
        DEFAULTS.put("target-kinds", "webhook,rabbitmq,nats,kafka");
        DEFAULTS.put("target-deliveries", "50000");
        DEFAULTS.put("target-timeout", "120");
        DEFAULTS.put("rabbitmq-uri", "amqp://127.0.0.1:5672");
        DEFAULTS.put("nats-servers", "nats://127.0.0.1:4222");
        DEFAULTS.put("kafka-bootstrap", "");
        DEFAULTS.put("kafka-partitions", "1");
        DEFAULTS.put("startups", "3");
    }

    /** The defaults that differ for the delivery command. */
    private static final Map<String, String> DELIVERY_DEFAULTS = Map.of("scenarios", "latency,drain,ingest",
            "drain-wait", "30", "duration", "15");

    private static final String HELP = """
            usage: java -jar ingest-bench.jar suite|pg|delivery|help [--flag value ...]
              suite    set up bus, queue, API key and rules through the admin API, then run the scenarios
              pg       only the raw PostgreSQL ceiling (needs --home or --jdbc-url)
              delivery the delivery scenarios; starts and restarts servers itself (bench/ingest/run.sh delivery)
            flags (defaults in brackets):
              --url            the server [http://127.0.0.1:8080]; loopback only
              --home           the server's EVENTBUS_HOME: admin-token file and postgres/postmaster.pid
              --admin-token    instead of $home/admin-token
              --jdbc-url       instead of the port in $home/postgres/postmaster.pid (--jdbc-user, --jdbc-password)
              --server-pid     the server JVM, for CPU figures
              --scenarios      any of pg,open,closed [pg,open,closed]
              --clients        closed-loop concurrent clients [32]
              --warmup         seconds before measuring, each scenario [5]
              --duration       measured seconds, each scenario [20]
              --batches        entries per request, closed loop [10,100]
              --rules          rule counts on the bus, ascending; rules are added between steps [1,100,10000]
              --rule-clients   concurrent clients creating rules [8]
              --rate           open loop: entries per second [2000], --rate-batch [10], --rate-workers [32]
              --pad            characters of detail.pad in each event [256]
              --idempotency-keys true: every entry carries a key of its own, as the SDK's publisher sends [false]
              --schema-validation the bus' setting, OFF, WARN or ENFORCE; with WARN or ENFORCE the schema
                               bench.src@Bench (detail.n a whole number from 0, detail.pad a string, nothing else but the
                               probes' detail.probe) is registered [OFF]
              --archive        none, all (an archive of the bench bus without a pattern) or pattern (one whose
                               pattern, on detail.n, matches every bench event); archived events are written with
                               the events [none]
              --pg-connections raw PostgreSQL: concurrent JDBC connections [8]; --pg-batch events per tx [100]
              --pg-extra       more raw PostgreSQL runs after that one, as KxB,KxB (e.g. 2x2000) [none]
              --drain-wait     seconds to wait, before a scenario, for the server's delivery backlog [60]
              --out            also write the final table to this file
              --rounds         N > 0: instead of the scenarios above, N rounds of the raw ceiling (--pg-connections x
                               --pg-batch), the closed loop with 100- and 10-entry batches and the open loop (--rate,
                               --rate-batch), 1 rule; each warms up until steady; the verdict is the median and spread
                               of each ratio to the ceiling over the rounds (IngestRounds) [0]
              --warmup-max     rounds: the longest warm-up of a scenario, s [120]
              --steady-slice   rounds: warm-up slices, s [3]; --steady-tolerance: steady when the last 3 slices lie
                               within this of their mean [0.05]
              --baseline       rounds: compare the medians with the figures recorded in this file (the guard) and
                               fail when a deciding figure (a ratio; a figure of the machine on the machine that
                               recorded it) got worse by more than the spread [none]
              --record         rounds: write the figures to this file as the new baseline [none]
            delivery (also --pad, --warmup, --duration, --clients, --batches, --rate-workers, --out):
              --scenarios      any of latency,drain,ingest,replay,targets,startup [latency,drain,ingest]
              --server-script  bench/ingest/server.sh (start/stop); --work: a directory for the homes and logs
              --commit         the server's commit, for the table
              --rates          latency runs, events/s x entries per request [200x1,1000x1,5000x10]
              --rounds         latency: N > 0 runs each rate N times on one server (the first after --warmup, the
                               others after --round-warmup) and gives the median and spread of its end-to-end p50 and
                               p99 and of the server's and postgres' CPU per event; --baseline and --record as in the
                               suite (figures of the machine: they decide only on the machine that recorded them) [0]
              --duration       measured seconds of each latency, ingest and replay live run [15 here]
              --drain-wait     latency, replay: seconds to wait for the last deliveries after a run [30 here]
              --receivers      drain runs: receivers (webhook targets on one rule, one port each) [1,10]
              --receiver-threads  handler threads shared by the receivers, 0: each answers on its own dispatcher thread [0]
              --drain-deliveries  deliveries loaded before each drain run [200000]; --drain-batch [100]
              --drain-sql      SQL to run on the server's database after loading, before the restart (to try an
                               index, say), in drain and targets runs [none]
              --drain-timeout  seconds a drain may take [300]; replay: the longest wait for it to complete after
                               the live loop (it also stops waiting when nothing moved for --drain-wait s)
              --ingest-modes   ingest runs: off (EVENTBUS_DELIVERY_ENABLED=false), webhook, queue [off,webhook,queue]
              --replay-events  replay: archived events preloaded (100-entry batches, --clients clients) and
                               replayed [400000]; enough that the replay outlasts the live loop's measured window
              --replay-live-rate  replay: live events/s, 1 per request, without and then with the replay [1000]
              --replay-rate    replay: the replay's rateLimitPerSecond; 0 for none [0]
              --replay-rounds  replay: N > 0 runs N rounds after one warm-up loop, each the live loop without a
                               replay then with a new one (cancelled after it), and reports the median and spread of
                               the ratios (ReplayRounds); 0: one loop without, then one with [0]
              --round-warmup   replay rounds: warm-up seconds of each loop, the replay's ramp; latency rounds: of
                               each round after the first [10]
              --target-kinds   targets: one run each, one target of the kind on one rule: webhook, queue, bus,
                               rabbitmq, nats, kafka [webhook,rabbitmq,nats,kafka]; a kind whose broker does not
                               answer is skipped with a note
              --target-deliveries  targets: events loaded before each run (--drain-batch, --clients) [50000]
              --target-timeout seconds from a restart until the run gives up on deliveries not done [120]
              --rabbitmq-uri   targets: the RabbitMQ broker, amqp://[user:password@]host:port[/vhost]; without user
                               info guest/guest [amqp://127.0.0.1:5672]
              --nats-servers   targets: the NATS servers, with JetStream [nats://127.0.0.1:4222]
              --kafka-bootstrap  targets: Kafka brokers host:port,...; empty: a broker (KRaft) started in the bench
                               JVM [empty]; --kafka-partitions of the bench's topic [1]
              --startups       startup: how many fresh homes, each started twice (fresh, then again) [3]
            """;

    /** What the bench's events look like, as a JSON Schema (draft-04, as EventBridge writes them). */
    static final String BENCH_SCHEMA = """
            {"format": "JSONSchemaDraft4", "compatibility": "BACKWARD", "content": {
              "$schema": "http://json-schema.org/draft-04/schema#", "title": "Bench", "type": "object",
              "properties": {"n": {"type": "integer", "minimum": 0}, "pad": {"type": "string", "maxLength": 100000},
                             "probe": {"type": "boolean"}},
              "required": ["n"], "additionalProperties": false}}""";

    private final Flags flags;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private boolean failed;
    private boolean noDrain;

    private IngestBench(Map<String, String> flags) {
        this.flags = new Flags(flags);
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        Map<String, String> flags = new HashMap<>(DEFAULTS);
        if (command.equals("delivery")) {
            flags.putAll(DELIVERY_DEFAULTS);
        }
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || i + 1 >= args.length || !DEFAULTS.containsKey(a.substring(2))) {
                System.err.println("unknown or incomplete flag: " + a + "\n" + HELP);
                System.exit(2);
            }
            flags.put(a.substring(2), args[++i]);
        }
        IngestBench bench = new IngestBench(flags);
        switch (command) {
            case "suite" -> bench.suite(true);
            case "delivery" -> System.exit(DeliveryBench.run(flags) ? 0 : 1);
            case "pg" -> {
                bench.flags.values().put("scenarios", "pg");
                bench.suite(false);
            }
            default -> {
                System.out.print(HELP);
                return;
            }
        }
        System.exit(bench.failed ? 1 : 0);
    }

    /** One line of the final table. */
    record Row(String scenario, String rules, String batch, double entriesPerS, double requestsPerS,
               Histogram latency, long failedEntries, long errors, CpuUse.Usage cpu) {
    }

    private void suite(boolean http) throws Exception {
        URI url = URI.create(flags.get("url"));
        if (http && !isLoopback(url.getHost())) {
            throw new IllegalArgumentException("--url must be a loopback address, not " + url.getHost());
        }
        Path home = flags.get("home").isEmpty() ? null : Path.of(flags.get("home"));
        List<String> scenarios = Arrays.asList(flags.get("scenarios").split(","));
        String bus = flags.get("bus");
        String queue = flags.get("queue");
        int pad = flags.num("pad");
        double warmup = flags.dbl("warmup");
        double duration = flags.dbl("duration");
        String machine = Machine.describe();
        Flags.out("== Eventbus ingest benchmark, " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Flags.out(machine);

        PgCeiling pg = null;
        long postmaster = -1;
        if (!flags.get("jdbc-url").isEmpty()) {
            pg = new PgCeiling(flags.get("jdbc-url"), flags.get("jdbc-user"), flags.get("jdbc-password"));
        } else if (home != null) {
            pg = new PgCeiling(PgCeiling.urlOfHome(home), flags.get("jdbc-user"), flags.get("jdbc-password"));
            postmaster = PgCeiling.postmasterPid(home);
        }
        CpuUse cpu = new CpuUse(Long.parseLong(flags.get("server-pid")), postmaster);

        IngestLoad load = null;
        int rulesOnBus = 0;
        Admin admin = null;
        if (http) {
            String token = flags.get("admin-token");
            if (token.isEmpty() && home != null) {
                token = Files.readString(home.resolve("admin-token"), StandardCharsets.UTF_8).trim();
            }
            if (token.isEmpty()) {
                throw new IllegalArgumentException("give --home or --admin-token");
            }
            admin = new Admin(url, token);
            admin.create("/v1/queues", "{\"name\":\"" + queue + "\"}");
            admin.create("/v1/buses", "{\"name\":\"" + bus + "\",\"description\":\"ingest bench\"}");
            String key = admin.apiKey("bench", bus);
            String validation = flags.get("schema-validation");
            if (!validation.equals("OFF")) {
                admin.put("/v1/schemas/bench.src@Bench", BENCH_SCHEMA);
                admin.put("/v1/buses/" + bus, "{\"description\":\"ingest bench\",\"settings\":{\"schemaValidation\":\""
                        + validation + "\"}}");
                Flags.out("set-up: schema bench.src@Bench, bus " + bus + " with schemaValidation " + validation);
            }
            String archive = flags.get("archive");
            if (!archive.equals("none")) {
                String pattern = switch (archive) {
                    case "all" -> "";
                    case "pattern" -> ",\"eventPattern\":{\"detail\":{\"n\":[{\"numeric\":[\">=\",0]}]}}";
                    default -> throw new IllegalArgumentException("--archive is none, all or pattern, not " + archive);
                };
                admin.create("/v1/archives", "{\"name\":\"bench-archive\",\"bus\":\"" + bus + "\"" + pattern + "}");
                Flags.out("set-up: archive bench-archive of bus " + bus + (pattern.isEmpty() ? ", every event"
                        : ", events with detail.n >= 0 (every bench event, through the archives' pattern machine)"));
            }
            admin.putRules(bus, queue, 0, 1, 1);
            rulesOnBus = 1;
            Flags.out("set-up: queue " + queue + ", bus " + bus + ", API key, rule r-0 (matches every bench event)");
            load = new IngestLoad(url, bus, key, pad, cpu, Boolean.parseBoolean(flags.get("idempotency-keys")));
            if (validation.equals("ENFORCE") && !load.refusesAnInvalidEvent()) {
                throw new IOException("the bus took an event its schema refuses: schema validation is not on");
            }
            try {
                String answer = load.preflight(10).body();
                Flags.out("preflight: POST /v1/buses/" + bus + "/events with 10 entries -> 200 "
                        + IngestLoad.abbreviate(answer));
                if (!flags.get("archive").equals("none")) {
                    awaitArchiving(admin, load);
                }
            } catch (IOException e) {
                failed = true;
                String msg = "!! the ingest endpoint does not work, HTTP scenarios skipped: " + e.getMessage();
                System.err.println(msg);
                notes.add(msg);
                load = null;
            }
        }

        // the envelope size of the raw PostgreSQL rows: the server's own, when it has stored bench events
        List<String> details = new ArrayList<>();
        long busId = 1;
        if (pg != null) {
            Flags.out("postgres: " + pg.settings());
            busId = pg.busId(bus);
            double[] server = pg.serverEnvelope(busId);
            SplittableRandom random = new SplittableRandom(7);
            IngestLoad shaper = new IngestLoad(url, bus, "", pad, cpu);
            int ours = PgCeiling.envelope(UUID.randomUUID(), Instant.now(), shaper.detail(123456, random)).length();
            int pgPad = pad;
            if (server[1] > 0) {
                pgPad = Math.max(0, pad + (int) Math.round(server[1] - ours));
                notes.add(String.format(Locale.ROOT, "server envelope: %.0f chars on average over %.0f events "
                        + "(%.2f deliveries per event); raw PostgreSQL rows use envelopes of the same size",
                        server[1], server[0], server[2]));
            } else {
                notes.add("raw PostgreSQL envelope: " + ours + " chars (no server envelope to compare with)");
            }
            IngestLoad pgShaper = new IngestLoad(url, bus, "", pgPad, cpu);
            for (int i = 0; i < 128; i++) {
                details.add(pgShaper.detail(random.nextInt(IngestLoad.N_RANGE), random));
            }
        }

        if (load != null) {
            awaitRule(load, pg, busId, 0);
        }
        if (flags.num("rounds") > 0) {
            rounds(pg, busId, details, load, machine, pad);
            return;
        }

        if (scenarios.contains("pg")) {
            if (pg == null) {
                throw new IllegalArgumentException("the pg scenario needs --home or --jdbc-url");
            }
            List<int[]> runs = new ArrayList<>();
            runs.add(new int[] {flags.num("pg-connections"), flags.num("pg-batch")});
            for (String extra : flags.get("pg-extra").split(",")) {
                if (!extra.isBlank()) {
                    String[] kb = extra.trim().split("x");
                    runs.add(new int[] {Integer.parseInt(kb[0]), Integer.parseInt(kb[1])});
                }
            }
            for (int[] run : runs) {
                int k = run[0];
                int b = run[1];
                drain(pg);
                Flags.out(String.format("-- raw PostgreSQL: %d connections, %d events (+%d deliveries) per transaction,"
                        + " %.0f s", k, b, b, duration));
                PgCeiling.Result r = pg.run(busId, k, b, details, warmup, duration, cpu);
                if (r.firstError() != null) {
                    failed = true;
                    notes.add("!! raw PostgreSQL error: " + r.firstError());
                }
                add(new Row("raw PostgreSQL, " + k + " JDBC conns", "-", Integer.toString(b), r.eventsPerSecond(),
                        r.transactions() / r.seconds(), r.commit(), 0, r.firstError() == null ? 0 : 1, r.cpu()));
            }
            notes.add("raw PostgreSQL: " + pg.settings() + "; entries/s there = events/s, each 1 event row + 1"
                    + " delivery row (rows/s = 2 x); req/s = transactions/s; latency = one batch insert + commit");
        }

        if (load != null && scenarios.contains("open")) {
            drain(pg);
            int rate = flags.num("rate");
            int b = flags.num("rate-batch");
            Flags.out(String.format("-- open loop: %d entries/s in batches of %d, %d workers, %d rule(s)", rate, b,
                    flags.num("rate-workers"), rulesOnBus));
            IngestLoad.Result r = load.openLoop("open loop", rulesOnBus, b, flags.num("rate-workers"), rate, warmup,
                    duration);
            add(http(r, "open loop " + rate + " entries/s"));
            notes.add(String.format(Locale.ROOT, "open loop: latency from the intended send time; service time"
                    + " (from the actual send) p50/p99/p999 %s ms", pct(r.service())));
        }

        if (load != null && scenarios.contains("closed")) {
            for (String step : flags.get("rules").split(",")) {
                int want = Integer.parseInt(step.trim());
                if (want > rulesOnBus) {
                    int n = want - rulesOnBus;
                    Flags.out(String.format("-- creating %,d rules (r-%d .. r-%d) with %d clients", n, rulesOnBus, want - 1,
                            flags.num("rule-clients")));
                    double s = admin.putRules(bus, queue, rulesOnBus, want, flags.num("rule-clients"));
                    String msg = String.format(Locale.ROOT, "rule set-up: %,d rules created in %.1f s (%.0f rules/s, "
                            + "%d clients), %,d on the bus", n, s, n / s, flags.num("rule-clients"), want);
                    Flags.out(msg);
                    notes.add(msg);
                    rulesOnBus = want;
                    awaitRule(load, pg, busId, want - 1);
                }
                for (String batch : flags.get("batches").split(",")) {
                    int b = Integer.parseInt(batch.trim());
                    drain(pg);
                    Flags.out(String.format("-- closed loop: %d clients, batches of %d, %,d rule(s)", flags.num("clients"), b,
                            rulesOnBus));
                    add(http(load.closedLoop("closed loop", rulesOnBus, b, flags.num("clients"), warmup, duration),
                            "closed loop, " + flags.num("clients") + " clients"));
                }
            }
        }
        table(machine, pad, warmup, duration);
    }

    /** The suite in rounds, and the guard's comparison or record (see IngestRounds and Guard). */
    private void rounds(PgCeiling pg, long busId, List<String> details, IngestLoad load, String machine, int pad)
            throws Exception {
        if (pg == null || load == null) {
            throw new IllegalArgumentException("--rounds needs the server (--url, --home) and its database");
        }
        List<IngestRounds.Round> done = new IngestRounds(flags, pg, busId, details, load, () -> drain(pg))
                .run(flags.num("rounds"));
        StringBuilder sb = new StringBuilder("\n== Eventbus ingest benchmark in rounds: results\n").append(machine)
                .append('\n').append(String.format(Locale.ROOT, "commit %s; %d rounds, %.0f s measured per scenario;"
                        + " detail.pad %d chars; 1 rule (one queue delivery per event)%n", flags.get("commit"),
                        done.size(), flags.dbl("duration"), pad));
        sb.append(IngestRounds.report(done));
        notes.forEach(n -> sb.append("- ").append(n).append('\n'));
        if (Guard.apply(flags, IngestRounds.figures(done), done.size(), sb)) {
            failed = true;
        }
        flags.table(sb);
    }

    /**
     * Waits until the data plane matches with rule r-i (the newest): puts a probe event only r-i matches until a
     * delivery for r-i appears, so no scenario runs while the server is still rebuilding its rule set.
     */
    private void awaitRule(IngestLoad load, PgCeiling pg, long busId, int i) throws Exception {
        long t0 = System.nanoTime();
        if (pg == null) {
            Thread.sleep(3_000);
            return;
        }
        long n = IngestLoad.N_RANGE + 10L * i + 5;
        while (System.nanoTime() - t0 < 120_000_000_000L) {
            if (!load.putOne(n)) {
                throw new IOException("a probe event was refused");
            }
            Thread.sleep(500);
            if (pg.deliveries(busId, "r-" + i) > 0) {
                Flags.out(String.format(Locale.ROOT, "   the data plane matches with r-%d (waited %.1f s for it)", i,
                        (System.nanoTime() - t0) / 1e9));
                return;
            }
        }
        throw new IOException("after 120 s the data plane still does not match with rule r-" + i);
    }

    private Row http(IngestLoad.Result r, String name) {
        if (r.non200() + r.ioErrors() + r.failedEntries() > 0) {
            failed = true;
            notes.add("!! " + name + " (" + r.rules() + " rules, batch " + r.batch() + "): " + r.non200()
                    + " non-200/malformed, " + r.ioErrors() + " I/O errors, " + r.failedEntries()
                    + " failed entries; first: " + IngestLoad.abbreviate(String.valueOf(r.firstError())));
        }
        return new Row(name, String.format("%,d", r.rules()), Integer.toString(r.batch()), r.entriesPerSecond(),
                r.requestsPerSecond(), r.ack(), r.failedEntries(), r.non200() + r.ioErrors(), r.cpu());
    }

    private void add(Row row) {
        rows.add(row);
        Flags.out(String.format(Locale.ROOT, "   %,.0f entries/s, %,.0f req/s, p50/p99/p999 %s ms, failed %d, errors %d; %s",
                row.entriesPerS(), row.requestsPerS(), pct(row.latency()), row.failedEntries(), row.errors(),
                row.cpu().brief()));
    }

    /**
     * Waits while the server's delivery backlog shrinks, at most --drain-wait s; gives up when it stalls for 3 s,
     * and stops waiting for good when nothing drains at all (no delivery workers in this server).
     */
    private void drain(PgCeiling pg) throws Exception {
        if (pg == null || noDrain) {
            return;
        }
        long first = pg.backlog();
        if (first == 0) {
            return;
        }
        long t0 = System.nanoTime();
        long last = first;
        long lastChange = t0;
        long deadline = t0 + (long) (flags.dbl("drain-wait") * 1e9);
        long now = t0;
        while (last > 0 && now < deadline && now - lastChange < 3_000_000_000L) {
            Thread.sleep(250);
            long b = pg.backlog();
            now = System.nanoTime();
            if (b < last) {
                lastChange = now;
            }
            last = b;
        }
        if (last == first) {
            noDrain = true;
            String msg = String.format(Locale.ROOT, "the delivery backlog (%,d) did not shrink in %.0f s: no delivery"
                    + " is running; scenarios run without waiting, next to a growing backlog", first, (now - t0) / 1e9);
            Flags.out("   " + msg);
            notes.add(msg);
            return;
        }
        Flags.out(String.format(Locale.ROOT, "   delivery backlog before the scenario: %,d -> %,d in %.1f s (%,.0f/s)%s",
                first, last, (now - t0) / 1e9, (first - last) / ((now - t0) / 1e9),
                last == 0 ? "" : " (left; the scenario runs next to it)"));
    }

    private void table(String machine, int pad, double warmup, double duration) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("\n== Eventbus ingest benchmark: results\n").append(machine).append('\n');
        sb.append(String.format(Locale.ROOT, "each scenario: %.0f s warm-up, %.0f s measured; detail.pad %d chars;"
                + " every event matches exactly one rule (one queue delivery)%n", warmup, duration, pad));
        String head = String.format("%-32s %7s %5s %11s %9s %8s %8s %8s %7s %6s  %s%n", "scenario", "rules", "batch",
                "entries/s", "req/s", "p50 ms", "p99 ms", "p999 ms", "failed", "errors",
                "cpu% of 1 core: machine/iowait/server/pg/client/other");
        sb.append(head).append("-".repeat(head.length() + 8)).append('\n');
        for (Row r : rows) {
            CpuUse.Usage c = r.cpu();
            sb.append(String.format(Locale.ROOT, "%-32s %7s %5s %,11.0f %,9.0f %8s %8s %8s %7d %6d  %.0f/%.0f/%.0f/%.0f/%.0f/%.0f%n",
                    r.scenario(), r.rules(), r.batch(), r.entriesPerS(), r.requestsPerS(), ms(r.latency(), 50),
                    ms(r.latency(), 99), ms(r.latency(), 99.9), r.failedEntries(), r.errors(), c.machineBusy(),
                    c.iowait(), c.server(), c.postgres(), c.client(), c.other()));
        }
        Row ours = rows.stream().filter(r -> r.scenario().startsWith("closed loop") && r.rules().equals("1")
                && r.batch().equals("100")).findFirst().orElse(null);
        for (Row ceiling : rows) {
            if (ours != null && ceiling.scenario().startsWith("raw PostgreSQL") && ceiling.entriesPerS() > 0) {
                sb.append(String.format(Locale.ROOT, "%nratio: 100-entry batches, 1 rule: %,.0f entries/s = %.0f %% of"
                        + " the raw PostgreSQL ceiling with %s connections x %s events per tx (%,.0f events/s ="
                        + " %,.0f rows/s)", ours.entriesPerS(), 100 * ours.entriesPerS() / ceiling.entriesPerS(),
                        ceiling.scenario().replaceAll("\\D", ""), ceiling.batch(), ceiling.entriesPerS(),
                        2 * ceiling.entriesPerS()));
            }
        }
        sb.append('\n');
        if (!notes.isEmpty()) {
            sb.append('\n');
            notes.forEach(n -> sb.append("- ").append(n).append('\n'));
        }
        flags.table(sb);
    }

    static String pct(Histogram h) {
        return ms(h, 50) + "/" + ms(h, 99) + "/" + ms(h, 99.9);
    }

    static String ms(Histogram h, double p) {
        if (h == null || h.getTotalCount() == 0) {
            return "-";
        }
        double v = h.getValueAtPercentile(p) / 1000.0;
        return v < 10 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.0f", v);
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1");
    }

    /** Puts probes until the archive holds some: the data plane archives from the moment it has rebuilt the bus. */
    private static void awaitArchiving(Admin admin, IngestLoad load) throws IOException, InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < until) {
            String archive = admin.get("/v1/archives/bench-archive");
            if (!archive.contains("\"eventCount\":0,")) {
                Flags.out("archive: " + IngestLoad.abbreviate(archive));
                return;
            }
            load.preflight(10);
            Thread.sleep(200);
        }
        throw new IOException("the archive kept nothing of the bench's events for 10 s");
    }
}
