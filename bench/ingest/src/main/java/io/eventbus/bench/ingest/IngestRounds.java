package io.eventbus.bench.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The ingest suite in rounds ({@code --rounds N}): figures an hour apart moved more than any change would (the raw
 * PostgreSQL ceiling itself from 58,910 to 32,670 events/s), so a server's figure alone says little. Each round runs
 * the raw PostgreSQL ceiling and the server's scenarios one after the other on the same machine minutes apart, and
 * the figure that counts is their ratio in that round: the server's entries/s over the ceiling's events/s. Odd rounds
 * run ceiling, 100-entry, 10-entry, open loop; even rounds the other way round, so a drift within a round does not
 * favour one side. Each scenario warms up until its figure is steady ({@link Steady}); the first round's warm-up is
 * the long one (the server's JIT). The verdict is the median of each ratio over the rounds with its spread (lowest
 * and highest), with a warning when the spread is too wide to tell a change; a round whose machine was busy by more
 * than {@link #NOISY_IDLE} % of a core in a quiet moment before it is marked noisy.
 */
final class IngestRounds {

    /**
     * CPU % of one core busy on the machine in a quiet moment before each round (nothing of the bench running): a
     * neighbour, or the server's own leftovers (autovacuum, a checkpoint). "Other" in the measured windows is no
     * measure of neighbours on these VMs: the kernel's work for our own load (I/O, network) lands there, 15 % of a
     * core at times, and the machine's total was at times below the sum of its processes.
     */
    static final double NOISY_IDLE = 10;
    /** Seconds of the quiet sample. */
    private static final double IDLE_SECONDS = 2;
    /** Beyond this spread (highest - lowest, relative to the median) a ratio cannot tell a change of that size. */
    static final double NOISY_SPREAD = 0.20;

    /** The scenarios' figures in one round. */
    record Round(int n, PgCeiling.Result ceiling, IngestLoad.Result b100, IngestLoad.Result b10,
                 IngestLoad.Result open, List<String> warmUps, CpuUse.Usage idle) {

        double ratio100() {
            return b100.entriesPerSecond() / ceiling.eventsPerSecond();
        }

        double ratio10() {
            return b10.entriesPerSecond() / ceiling.eventsPerSecond();
        }

        double openP99() {
            return open.ack().getTotalCount() == 0 ? Double.NaN : open.ack().getValueAtPercentile(99) / 1000.0;
        }

        boolean noisy() {
            return idle.machineBusy() > NOISY_IDLE;
        }
    }

    /** What the rounds need: the server's load, the ceiling, and the wait for the server's delivery backlog. */
    interface Drain {
        void await() throws Exception;
    }

    private final Flags flags;
    private final PgCeiling pg;
    private final long busId;
    private final List<String> details;
    private final IngestLoad load;
    private final Drain drain;
    private final List<Round> rounds = new ArrayList<>();

    IngestRounds(Flags flags, PgCeiling pg, long busId, List<String> details, IngestLoad load, Drain drain) {
        this.flags = flags;
        this.pg = pg;
        this.busId = busId;
        this.details = details;
        this.load = load;
        this.drain = drain;
    }

    List<Round> run(int count) throws Exception {
        for (int i = 1; i <= count; i++) {
            rounds.add(round(i));
        }
        return rounds;
    }

    private Round round(int n) throws Exception {
        Flags.out(String.format(Locale.ROOT, "-- round %d of %d (%s)", n, flags.num("rounds"),
                n % 2 == 1 ? "ceiling first" : "ceiling last"));
        List<String> warmUps = new ArrayList<>();
        drain.await();
        CpuUse.Snapshot quiet = load.cpu().snapshot();
        Thread.sleep((long) (IDLE_SECONDS * 1000));
        CpuUse.Usage idle = CpuUse.between(quiet, load.cpu().snapshot());
        Flags.out("   quiet before the round, " + IDLE_SECONDS + " s: " + idle.brief());
        PgCeiling.Result ceiling;
        IngestLoad.Result b100;
        IngestLoad.Result b10;
        IngestLoad.Result open;
        if (n % 2 == 1) {
            ceiling = ceiling(warmUps);
            b100 = closed(100, warmUps);
            b10 = closed(10, warmUps);
            open = open(warmUps);
        } else {
            open = open(warmUps);
            b10 = closed(10, warmUps);
            b100 = closed(100, warmUps);
            ceiling = ceiling(warmUps);
        }
        Round r = new Round(n, ceiling, b100, b10, open, warmUps, idle);
        Flags.out(String.format(Locale.ROOT, "   round %d: ceiling %,.0f events/s; 100-entry %,.0f (%.2f x); 10-entry"
                + " %,.0f (%.2f x); open loop p99 %.2f ms; machine busy %.0f %% when quiet%s", n,
                ceiling.eventsPerSecond(), b100.entriesPerSecond(), r.ratio100(), b10.entriesPerSecond(), r.ratio10(),
                r.openP99(), r.idle().machineBusy(), r.noisy() ? " (noisy)" : ""));
        return r;
    }

    private PgCeiling.Result ceiling(List<String> warmUps) throws Exception {
        int k = flags.num("pg-connections");
        int b = flags.num("pg-batch");
        drain.await();
        Steady.Warmed w = Steady.warm(flags.dbl("steady-slice"), flags.dbl("warmup-max"),
                flags.dbl("steady-tolerance"), s -> pg.run(busId, k, b, details, 0, s, new CpuUse(0, -1))
                        .eventsPerSecond());
        warmUps.add("ceiling " + w.brief());
        PgCeiling.Result r = pg.run(busId, k, b, details, 0, flags.dbl("duration"), load.cpu());
        Flags.out(String.format(Locale.ROOT, "   raw PostgreSQL %d x %d: %,.0f events/s; warm-up %s; %s", k, b,
                r.eventsPerSecond(), w.brief(), r.cpu().brief()));
        return r;
    }

    private IngestLoad.Result closed(int batch, List<String> warmUps) throws Exception {
        int clients = flags.num("clients");
        drain.await();
        Steady.Warmed w = Steady.warm(flags.dbl("steady-slice"), flags.dbl("warmup-max"),
                flags.dbl("steady-tolerance"), s -> load.closedLoop("warm-up", 1, batch, clients, 0, s)
                        .entriesPerSecond());
        warmUps.add(batch + "-entry " + w.brief());
        IngestLoad.Result r = load.closedLoop("closed loop", 1, batch, clients, 0, flags.dbl("duration"));
        Flags.out(String.format(Locale.ROOT, "   closed loop, %d-entry batches, %d clients: %,.0f entries/s, p99 %s ms;"
                + " warm-up %s; %s", batch, clients, r.entriesPerSecond(), IngestBench.ms(r.ack(), 99), w.brief(),
                r.cpu().brief()));
        return r;
    }

    /** The open loop at --rate entries/s; it warms up until its median service time is steady (± 3 × tolerance). */
    private IngestLoad.Result open(List<String> warmUps) throws Exception {
        int rate = flags.num("rate");
        int b = flags.num("rate-batch");
        int workers = flags.num("rate-workers");
        drain.await();
        Steady.Warmed w = Steady.warm(flags.dbl("steady-slice"), flags.dbl("warmup-max"),
                3 * flags.dbl("steady-tolerance"), s -> load.openLoop("warm-up", 1, b, workers, rate, 0, s)
                        .service().getValueAtPercentile(50) / 1000.0);
        warmUps.add("open loop " + w.brief());
        IngestLoad.Result r = load.openLoop("open loop", 1, b, workers, rate, 0, flags.dbl("duration"));
        Flags.out(String.format(Locale.ROOT, "   open loop, %,d entries/s in batches of %d: p50/p99/p999 %s ms;"
                + " warm-up (median service ms) %s; %s", rate, b, IngestBench.pct(r.ack()), w.brief(),
                r.cpu().brief()));
        return r;
    }

    /** The table of the rounds and the verdict, for the report. */
    static String report(List<Round> rounds) {
        StringBuilder sb = new StringBuilder("\n== Rounds: each ratio is the server's entries/s over the raw PostgreSQL"
                + " ceiling's events/s in the same round\n");
        String head = String.format("%5s %10s %10s %7s %10s %7s %9s %9s %9s  %s%n", "round", "ceiling/s", "100-entry",
                "ratio", "10-entry", "ratio", "open p50", "open p99", "quiet %", "cpu% of 1 core in the 100-entry run:"
                        + " machine/iowait/server/pg/client/other");
        sb.append(head).append("-".repeat(head.length())).append('\n');
        for (Round r : rounds) {
            CpuUse.Usage c = r.b100().cpu();
            sb.append(String.format(Locale.ROOT, "%5d %,10.0f %,10.0f %7.2f %,10.0f %7.2f %9s %9s %9.0f  "
                            + "%.0f/%.0f/%.0f/%.0f/%.0f/%.0f%s%n", r.n(), r.ceiling().eventsPerSecond(),
                    r.b100().entriesPerSecond(), r.ratio100(), r.b10().entriesPerSecond(), r.ratio10(),
                    IngestBench.ms(r.open().ack(), 50), IngestBench.ms(r.open().ack(), 99), r.idle().machineBusy(),
                    c.machineBusy(), c.iowait(), c.server(), c.postgres(), c.client(), c.other(),
                    r.noisy() ? "  noisy" : ""));
        }
        sb.append('\n');
        for (Figure f : figures(rounds)) {
            sb.append(String.format(Locale.ROOT, "%-34s %s%s%n", f.label(), f.brief(),
                    f.ratio() && f.spread().relative() > NOISY_SPREAD ? "  too noisy to tell a change under "
                            + Math.round(100 * f.spread().relative()) + " %" : ""));
        }
        long noisy = rounds.stream().filter(Round::noisy).count();
        sb.append(String.format(Locale.ROOT, "noisy rounds (machine busy > %.0f %% of a core over %.0f s before the round,"
                + " nothing of the bench running): %d of %d%n", NOISY_IDLE, IDLE_SECONDS, noisy, rounds.size()));
        sb.append("warm-ups: each scenario ran slices of --steady-slice s until the last ").append(Steady.WINDOW)
                .append(" were within --steady-tolerance of their mean (the open loop: its median service time, 3 x the"
                        + " tolerance)\n");
        for (Round r : rounds) {
            sb.append("  round ").append(r.n()).append(": ").append(String.join("; ", r.warmUps())).append('\n');
        }
        return sb.toString();
    }

    /** The figures the rounds give and the guard compares (see {@link Guard}). */
    static List<Figure> figures(List<Round> rounds) {
        return List.of(
                figure("ratio-100", "ratio, 100-entry batches", true, true, rounds, Round::ratio100),
                figure("ratio-10", "ratio, 10-entry batches", true, true, rounds, Round::ratio10),
                figure("open-p99-ms", "open loop p99 ms", false, false, rounds, Round::openP99),
                figure("ceiling", "raw PostgreSQL events/s", false, true, rounds, r -> r.ceiling().eventsPerSecond()));
    }

    private static Figure figure(String key, String label, boolean ratio, boolean higherIsBetter, List<Round> rounds,
                                 ToDoubleFunction<Round> value) {
        return new Figure(key, label, ratio, higherIsBetter,
                Figure.Spread.of(rounds.stream().map(value::applyAsDouble).toList()));
    }
}
