package io.eventbus.bench.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The targets scenario (bench/ingest/run.sh delivery --scenarios targets): the drain's measure once per kind of
 * target, taken the same way for every kind from the server's database. For each kind of --target-kinds: a fresh home
 * with delivery off; what the target needs ({@link BenchTarget}) and a rule on the bench bus whose one target is of
 * that kind; --target-deliveries events loaded as the drain loads them; then the server restarted with delivery on,
 * and its delivery rows counted by state every 250 ms until none is left to do or --target-timeout s passed. A
 * delivery counts once the server recorded it DELIVERED: for a broker, after the broker's ack. Runs on the bench's
 * thread; the poller and the CPU sampler only append to lists.
 */
final class TargetsBench {

    /** What the load phase left for the drain: the deliveries stored (events and probes) and the load's rate. */
    private record Loaded(long total, double loadRate) {
    }

    private final DeliveryBench bench;
    private final List<String> rows = new ArrayList<>();

    TargetsBench(DeliveryBench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        for (String kind : kinds()) {
            Flags.out("-- targets, " + kind + ": deliveries loaded with delivery off, then the server restarted with"
                    + " delivery on; DELIVERED rows counted in its database");
            BenchTarget target;
            try {
                target = BenchTarget.open(kind, run, bench);
            } catch (BenchTarget.Unreachable e) {
                Flags.out("   skipped: " + e.getMessage());
                bench.note("targets " + kind + ": skipped, " + e.getMessage());
                rows.add(String.format("%-9s skipped: its broker does not answer (notes)", kind));
                continue;
            } catch (IOException e) {
                failed(kind, "setting up the broker: " + e.getMessage());
                continue;
            }
            try (target) {
                Flags.out("   " + target.describe());
                measure(target);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                failed(kind, e instanceof IOException ? e.getMessage() : String.valueOf(e));
            }
        }
    }

    private void failed(String kind, String why) {
        Flags.out("   !! " + why);
        bench.fail("!! targets " + kind + ": " + why);
        rows.add(String.format("%-9s failed (notes)", kind));
    }

    private List<String> kinds() {
        List<String> kinds = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String k : bench.flags.get("target-kinds").split(",")) {
            String kind = k.trim().toLowerCase(Locale.ROOT);
            if (!BenchTarget.KINDS.contains(kind)) {
                throw new IllegalArgumentException("--target-kinds: " + kind + " is none of " + BenchTarget.KINDS);
            }
            if (seen.add(kind)) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    private void measure(BenchTarget target) throws Exception {
        Flags f = bench.flags;
        int batch = f.num("drain-batch");
        int events = Math.max(batch, f.num("target-deliveries") / batch * batch);
        Arrivals arrivals = new Arrivals(bench.seqs(events), events, 1);
        Path home = bench.work.resolve("targets-" + target.kind());
        Loaded loaded = load(target, home, events, batch, arrivals);
        report(target, loaded.total(), loaded.loadRate(), drain(target, home, arrivals, loaded.total()));
        if (target instanceof BenchTarget.Webhook) {
            bench.checkTally(arrivals.tally(), "targets webhook");
        }
    }

    /** A fresh server with delivery off, the target's rule, and the events; returns the deliveries stored. */
    private Loaded load(BenchTarget target, Path home, int events, int batch, Arrivals arrivals) throws Exception {
        Flags f = bench.flags;
        String kind = target.kind();
        String rule = "{\"description\":\"delivery bench: " + kind + " target\",\"eventPattern\":{\"source\":[\""
                + IngestLoad.SOURCE + "\"]},\"targets\":[" + target.json() + "]}";
        try (DeliveryBench.Phase p = bench.phase(home, false, false, Map.of(DeliveryBench.RULE, rule),
                DeliveryBench.RULE, "rule " + DeliveryBench.RULE + " (1 " + kind + " target)", target::prepare)) {
            SeqBodies bodies = new SeqBodies(arrivals.first(), batch, arrivals, bench.pad);
            IngestLoad.Result r = p.load.run("targets load " + kind, 1, batch, f.num("clients"), 0, 600, null, bodies,
                    events / batch);
            bench.check(r, "targets " + kind + " load");
            long total = p.pg.deliveries(p.busId, DeliveryBench.RULE);
            Flags.out(String.format(Locale.ROOT, "   loaded %,d events in %.1f s (%,.0f/s), %d clients, batches of %d;"
                    + " %,d deliveries waiting (%d of them probes)", r.entriesOk(), r.seconds(), r.entriesPerSecond(),
                    f.num("clients"), batch, total, p.probes));
            if (total != events + p.probes) {
                bench.fail(String.format("!! targets %s: %,d deliveries stored, %,d expected", kind, total,
                        events + p.probes));
            }
            if (!f.get("drain-sql").isBlank()) {
                try (Connection c = p.pg.connect(); Statement st = c.createStatement()) {
                    st.execute(f.get("drain-sql"));
                }
                Flags.out("   ran --drain-sql before the restart: " + f.get("drain-sql"));
                bench.note("targets " + kind + ": --drain-sql before the restart: " + f.get("drain-sql"));
            }
            return new Loaded(total, r.entriesPerSecond());
        }
    }

    /** What a drain saw: the polls, CPU samples and postgres sessions, the rows at the end, the target's count. */
    private record Drained(ServerProcess server, List<DeliveryRows.Poll> polls, List<CpuUse.Snapshot> samples,
                           List<DeliveryBench.Activity> activity, DeliveryRows.End end, long received,
                           boolean finished) {
    }

    /** The restart with delivery on and the polls until nothing is left to do or --target-timeout s passed. */
    private Drained drain(BenchTarget target, Path home, Arrivals arrivals, long total) throws Exception {
        List<CpuUse.Snapshot> samples = new CopyOnWriteArrayList<>();
        List<DeliveryBench.Activity> activity = new CopyOnWriteArrayList<>();
        List<DeliveryRows.Poll> polls = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        target.listen(arrivals);
        Flags.out("   restarting with delivery on, same home");
        ServerProcess s = bench.launch(home, true);
        Thread sampler = bench.sampler(s, target.cpu().nanos(), samples, activity);
        Thread poller = DeliveryRows.poller(s, total, polls, done);
        try {
            s.awaitUp();
            long left = s.startedNanos() + (long) (bench.flags.dbl("target-timeout") * 1e9) - System.nanoTime();
            boolean finished = done.await(Math.max(0, left), TimeUnit.NANOSECONDS);
            stop(poller);
            stop(sampler);
            PgCeiling pg = s.pg();
            DeliveryRows.End end = DeliveryRows.end(pg);
            long received = target.received(pg, end.last().delivered());
            return new Drained(s, polls, samples, activity, end, received, finished);
        } finally {
            poller.interrupt();
            sampler.interrupt();
            bench.stop(s);
            target.listen(null);
        }
    }

    /** The row, the progress lines and the checks of a drain. */
    private void report(BenchTarget target, long total, double loadRate, Drained d) {
        String kind = target.kind();
        ServerProcess s = d.server();
        List<DeliveryRows.Poll> polls = d.polls();
        DeliveryRows.Poll last = d.end().last();
        long t10 = DeliveryRows.reached(polls, 0.1 * total);
        long t90 = DeliveryRows.reached(polls, 0.9 * total);
        long tFirst = DeliveryRows.reached(polls, 1);
        long tLast = last.delivered() > 0 ? DeliveryRows.reached(polls, last.delivered()) : -1;
        double steady = t10 >= 0 && t90 > t10 ? 0.8 * total / ((t90 - t10) / 1e9) : 0;
        double whole = tFirst >= 0 && tLast > tFirst ? (last.delivered() - 1) / ((tLast - tFirst) / 1e9) : 0;
        CpuUse.Usage c = t10 >= 0 && t90 > t10 ? DeliveryBench.window(d.samples(), t10, t90) : null;
        long peakRetryable = polls.stream().mapToLong(DeliveryRows.Poll::retryable).max().orElse(0);
        String received = d.received() < 0 ? "?" : String.format(Locale.ROOT, "%,d", d.received());
        rows.add(String.format(Locale.ROOT, "%-9s %,10d %,9.0f %,10.0f %,12.0f %7s %7.1f %7s %,6d %,7d %10s  %s", kind,
                total, loadRate, steady, whole, seconds(tFirst, s), s.startSeconds(), seconds(tLast, s), last.dead(),
                d.end().retried(), received, c == null ? "-" : cpu(c, target.cpu().where())));
        Flags.out(String.format(Locale.ROOT, "   %,d of %,d DELIVERED (dead-lettered %,d, retried %,d, RETRYABLE at"
                + " most %,d at once); 10-90 %%: %,.0f/s; first to last: %,.0f/s; first %s s after the start, /health UP"
                + " after %.1f s, last after %s s; %,d polls; at the target: %s; %s", last.delivered(), total,
                last.dead(), d.end().retried(), peakRetryable, steady, whole, seconds(tFirst, s), s.startSeconds(),
                seconds(tLast, s), polls.size(), received,
                c == null ? "no cpu" : c.brief() + ", of it the target " + Math.round(c.receiver())));
        Flags.out("   by the rows' finished_at (the server's clock, a batch of outcomes shares one): "
                + d.end().serverRates());
        Flags.out("   server's postgres sessions, average count per state in the 10-90 % window: "
                + DeliveryBench.sessions(d.activity(), t10, t90));
        bench.note("targets " + kind + ": " + target.describe() + "; target CPU: " + target.cpu().what());
        check(kind, total, d, peakRetryable);
    }

    private void check(String kind, long total, Drained d, long peakRetryable) {
        String name = "targets " + kind;
        DeliveryRows.Poll last = d.end().last();
        long retried = d.end().retried();
        List<String> errors = d.end().errors();
        long received = d.received();
        List<DeliveryRows.Poll> polls = d.polls();
        boolean finished = d.finished();
        if (last.dead() > 0) {
            bench.fail(String.format("!! %s: %,d deliveries dead-lettered; %s", name, last.dead(), errors));
        }
        if (last.delivered() + last.dead() < total) {
            bench.fail(String.format(Locale.ROOT, "!! %s: %,d of %,d deliveries DELIVERED %s (dead-lettered %,d,"
                    + " RETRYABLE %,d); %s", name, last.delivered(), total, finished ? "in the end"
                    : "when --target-timeout (" + bench.flags.get("target-timeout") + " s) passed", last.dead(),
                    last.retryable(), errors));
        }
        if (retried > 0 && last.dead() == 0) {
            bench.note(String.format("%s: %,d deliveries took more than one attempt (RETRYABLE at most %,d at once);"
                    + " %s", name, retried, peakRetryable, errors));
        }
        if (received >= 0 && received < last.delivered()) {
            bench.fail(String.format("!! %s: %,d deliveries DELIVERED but %,d at the target: lost", name,
                    last.delivered(), received));
        } else if (received > total) {
            bench.fail(String.format("!! %s: %,d at the target for %,d deliveries: duplicated", name, received, total));
        }
        if (!polls.isEmpty() && polls.get(0).delivered() > 0) {
            bench.note(String.format("%s: the first poll already saw %,d DELIVERED (the database answered late): the"
                    + " first arrival and the rates are less exact", name, polls.get(0).delivered()));
        }
    }

    private static String seconds(long nanos, ServerProcess s) {
        return nanos < 0 ? "-" : String.format(Locale.ROOT, "%.1f", (nanos - s.startedNanos()) / 1e9);
    }

    /**
     * machine/iowait/server/pg/bench/target/other; the target's CPU (CpuUse's receiver figure) is taken out of the
     * bench's when it runs in the bench JVM, and out of "other" when it is a process of its own.
     */
    private static String cpu(CpuUse.Usage c, BenchTarget.Where where) {
        double target = c.receiver();
        double benchCpu = c.client() - (where == BenchTarget.Where.BENCH ? target : 0);
        double other = c.other() - (where == BenchTarget.Where.PROCESS ? target : 0);
        boolean own = where == BenchTarget.Where.BENCH || where == BenchTarget.Where.PROCESS;
        return String.format(Locale.ROOT, "%.0f/%.0f/%.0f/%.0f/%.0f/%s/%.0f", c.machineBusy(), c.iowait(), c.server(),
                c.postgres(), Math.max(0, benchCpu), own ? String.format(Locale.ROOT, "%.0f", target) : "-",
                Math.max(0, other));
    }

    private static void stop(Thread t) throws InterruptedException {
        t.interrupt();
        t.join();
    }

    void table(StringBuilder sb) {
        if (rows.isEmpty()) {
            return;
        }
        Flags f = bench.flags;
        sb.append(String.format(Locale.ROOT, "%nDelivery rate per target kind: %,d events to a rule with one target,"
                + " loaded with delivery off (%d clients, batches of %d), then the server restarted with delivery on"
                + " (same home); DELIVERED rows counted in its database every %d ms%n", f.num("target-deliveries"),
                f.num("clients"), f.num("drain-batch"), DeliveryRows.POLL_MILLIS));
        String head = String.format("%-9s %10s %9s %10s %12s %7s %7s %7s %6s %7s %10s  %s%n", "kind", "deliveries",
                "loaded/s", "10-90 %/s", "first-last/s", "first s", "up s", "last s", "dead", "retried", "at target",
                "cpu% of 1 core: machine/iowait/server/pg/bench/target/other (10-90 % window)");
        sb.append(head).append("-".repeat(head.length())).append('\n');
        rows.forEach(r -> sb.append(r).append('\n'));
        sb.append("(deliveries: the events and the probes; 10-90 %: between the polls at which DELIVERED passed 10 % and"
                + " 90 % of them, interpolated; first-last: from the first DELIVERED row to the last; first/up/last:"
                + " seconds from the start of the server; dead: DEAD_LETTERED; retried: deliveries with more than one"
                + " attempt; at target: webhooks at the receiver, messages in the queue, events on the other bus, in the"
                + " RabbitMQ queue, in the NATS stream, records in the Kafka topic; target: the receivers' threads, the"
                + " broker's process or the in-process Kafka broker's threads, not in bench or other; - when it runs in"
                + " the server)\n");
    }
}
