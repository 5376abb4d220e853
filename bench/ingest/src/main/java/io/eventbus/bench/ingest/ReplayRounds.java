package io.eventbus.bench.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The replay scenario in rounds ({@code --replay-rounds N}): one figure of live latency without a replay and one with
 * it, taken minutes apart, tell the machine's mood as much as the replay's cost (the p99 of the loop without a replay
 * moved from 6 to 22 ms between runs an hour apart on one machine). So, after one long warm-up loop, each round runs
 * the live open loop without a replay, then again right after {@code POST /v1/replays} of a new replay of the whole
 * window (each round its own name, from the window's start), which it cancels once the loop is over. Each loop has
 * {@code --round-warmup} s of warm-up (the replay's ramp) and {@code --duration} s measured. It reports each round's
 * live p99 without and with the replay, their ratio, the replayed events/s arriving at receiver 1 over the measured
 * window with the replay, and the median and spread over the rounds: a round with a noisy neighbour moves one ratio,
 * not the verdict. Live events are checked as in the other scenarios (none lost or duplicated); replayed ones must
 * arrive at most once per round (a cancelled replay delivers a prefix of its window).
 */
final class ReplayRounds {

    private static final double TARGET_RATE = 5000;
    private static final double TARGET_P99_RATIO = 2;

    /** One round's figures. */
    private record Round(int round, ReplayBench.Live without, ReplayBench.Live with, double replayedPerSecond,
                         double progress, long duplicated, String state) {
        double ratio() {
            double a = p99(without);
            double b = p99(with);
            return a > 0 && b > 0 ? b / a : -1;
        }

        static double p99(ReplayBench.Live live) {
            return live.e2e().getTotalCount() == 0 ? 0 : live.e2e().getValueAtPercentile(99);
        }
    }

    private final DeliveryBench bench;
    private final ReplayBench replay;
    private final List<Round> rounds = new ArrayList<>();
    private int replayRate;
    private double roundWarmup;
    private ReplayBench.Live warmUp;

    ReplayRounds(DeliveryBench bench, ReplayBench replay) {
        this.bench = bench;
        this.replay = replay;
    }

    /** Runs the warm-up loop and {@code count} rounds; {@code archived}: the preloaded events, tracked at receiver 1. */
    void run(DeliveryBench.Phase p, Admin admin, Arrivals archived, int rate, int count) throws Exception {
        Flags flags = bench.flags;
        replayRate = flags.num("replay-rate");
        roundWarmup = flags.dbl("round-warmup");
        Flags.out(String.format(Locale.ROOT, "-- warm-up: live open loop without a replay, %,d events/s, 1 per request;"
                + " %.0f s warm-up, %.0f s measured", rate, bench.warmup, bench.duration));
        warmUp = replay.live(p, rate, "replay rounds: warm-up", bench.warmup, bench.duration, soon());
        if (archived.arrived() + archived.strays() > 0) {
            bench.fail(String.format("!! replay: %,d deliveries arrived at receiver 1 before any replay started",
                    archived.arrived() + archived.strays()));
        }
        for (int i = 1; i <= count; i++) {
            rounds.add(round(p, admin, archived, rate, i));
        }
        report();
    }

    private Round round(DeliveryBench.Phase p, Admin admin, Arrivals archived, int rate, int i) throws Exception {
        Flags.out(String.format(Locale.ROOT, "-- round %d: live without a replay, then with replay %s (%s); %.0f s"
                + " warm-up, %.0f s measured each", i, name(i), replayRate > 0 ? "rate limit " + replayRate + "/s"
                : "no rate limit", roundWarmup, bench.duration));
        ReplayBench.Live without = replay.live(p, rate, "round " + i + ": live without a replay", roundWarmup,
                bench.duration, soon());

        // a fresh tally per round: each replay delivers the window's events again, from its start
        Arrivals got = new Arrivals(archived.first(), archived.events(), 1);
        got.confirm(archived.first(), archived.events(), true);
        bench.receiver.track(1, got);
        admin.create("/v1/replays", ReplayBench.replay(name(i), replayRate));
        long start = soon();
        long warmEnd = start + (long) (roundWarmup * 1e9);
        long end = warmEnd + (long) (bench.duration * 1e9);
        List<ReplayBench.Status> statuses = new CopyOnWriteArrayList<>();
        ReplayBench.Status[] ends = new ReplayBench.Status[2];
        Thread watch = ReplayBench.watch(admin, name(i), warmEnd, end, statuses, ends);
        ReplayBench.Live with;
        try {
            with = replay.live(p, rate, "round " + i + ": live with replay " + name(i), roundWarmup, bench.duration,
                    start);
        } finally {
            watch.join(10_000);
            watch.interrupt();
        }
        admin.create("/v1/replays/" + name(i) + ":cancel", "{}");
        ReplayBench.Status last = replay.complete(admin, name(i), statuses);
        Thread.sleep(1_000); // the last pages' attempts, answered before the state changed, arrive
        bench.receiver.track(1, archived);

        long[] times = ArrivalRates.times(got, got.arrived());
        double perSecond = ArrivalRates.count(times, warmEnd, end) / ((end - warmEnd) / 1e9);
        double progress = ReplayBench.progress(ends);
        long duplicated = got.tally()[1];
        if (duplicated > 0) {
            bench.fail(String.format(Locale.ROOT, "!! round %d: %,d replayed events arrived more than once", i,
                    duplicated));
        }
        if (!last.state().equals("CANCELLED") && !last.state().equals("COMPLETED")) {
            bench.fail(String.format(Locale.ROOT, "!! round %d: replay %s ended %s", i, name(i), last.state()));
        }
        Round r = new Round(i, without, with, perSecond, progress, duplicated, last.state());
        Flags.out(String.format(Locale.ROOT, "   round %d: live p99 %s -> %s ms (%s), replayed %,.0f/s at receiver 1"
                + " over the measured window (progress %s/s); replay %s", i, IngestBench.ms(without.e2e(), 99),
                IngestBench.ms(with.e2e(), 99), ratio(r.ratio()), perSecond, progress < 0 ? "?"
                : String.format(Locale.ROOT, "%,.0f", progress), last.state()));
        return r;
    }

    private static String name(int round) {
        return ReplayBench.REPLAY + "-" + round;
    }

    private static long soon() {
        return System.nanoTime() + 200_000_000L; // the load's threads ready
    }

    private static String ratio(double ratio) {
        return ratio < 0 ? "-" : String.format(Locale.ROOT, "%.2fx", ratio);
    }

    /** The median of {@code values} (the mean of the middle two when even). */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n == 0 ? -1 : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private double[] ratios() {
        return rounds.stream().mapToDouble(Round::ratio).filter(x -> x > 0).toArray();
    }

    private double[] rates() {
        return rounds.stream().mapToDouble(Round::replayedPerSecond).toArray();
    }

    private void report() {
        double[] ratios = ratios();
        double[] rates = rates();
        if (ratios.length == 0) {
            return;
        }
        double ratio = median(ratios);
        double rate = median(rates);
        long both = rounds.stream().filter(r -> r.ratio() > 0 && r.ratio() <= TARGET_P99_RATIO
                && r.replayedPerSecond() >= TARGET_RATE).count();
        bench.note(String.format(Locale.ROOT, "replay targets over %d rounds: >= %,.0f replayed events/s while live"
                + " events flow: median %,.0f/s (%,.0f .. %,.0f) (%s); live p99 with the replay at most %.0fx its value"
                + " without: median %.2fx (%.2f .. %.2f) (%s); both in %d of %d rounds", rounds.size(), TARGET_RATE,
                rate, Arrays.stream(rates).min().orElse(0), Arrays.stream(rates).max().orElse(0),
                rate >= TARGET_RATE ? "met" : "NOT met", TARGET_P99_RATIO, ratio,
                Arrays.stream(ratios).min().orElse(0), Arrays.stream(ratios).max().orElse(0),
                ratio <= TARGET_P99_RATIO ? "met" : "NOT met", both, rounds.size()));
    }

    /** The rounds' table. */
    void table(StringBuilder sb, int events) {
        if (rounds.isEmpty()) {
            return;
        }
        sb.append(String.format(Locale.ROOT, "%nReplay in rounds: %,d archived events; each round the live open loop"
                + " (1 event per request, receiver 0) without a replay, then with a new replay of the window (rule"
                + " replayed, receiver 1; %s), cancelled after it; %.0f s warm-up, %.0f s measured each loop; after a"
                + " warm-up loop of %.0f + %.0f s (live p50/p99 %s/%s ms)%n", events, replayRate > 0 ? "rate limit "
                + replayRate + "/s" : "no rate limit", roundWarmup, bench.duration, bench.warmup, bench.duration,
                IngestBench.ms(warmUp.e2e(), 50), IngestBench.ms(warmUp.e2e(), 99)));
        String head = String.format("%5s | %8s %8s %8s | %8s %8s %8s | %6s | %11s %11s | %9s  %s%n", "round", "w/o p50",
                "w/o p99", "w/o max", "with p50", "with p99", "with max", "p99 x", "replayed/s", "progress/s",
                "live l/d", "cpu% of 1 core without -> with: machine/iowait/server/pg/bench/receiver/other");
        sb.append(head).append("-".repeat(head.length())).append('\n');
        for (Round r : rounds) {
            sb.append(String.format(Locale.ROOT, "%5d | %8s %8s %8s | %8s %8s %8s | %6s | %,11.0f %11s | %9s  %s -> %s%n",
                    r.round(), IngestBench.ms(r.without().e2e(), 50), IngestBench.ms(r.without().e2e(), 99),
                    DeliveryBench.max(r.without().e2e()), IngestBench.ms(r.with().e2e(), 50),
                    IngestBench.ms(r.with().e2e(), 99), DeliveryBench.max(r.with().e2e()),
                    r.ratio() < 0 ? "-" : String.format(Locale.ROOT, "%.2f", r.ratio()), r.replayedPerSecond(),
                    r.progress() < 0 ? "-" : String.format(Locale.ROOT, "%,.0f", r.progress()),
                    (r.without().tally()[0] + r.with().tally()[0]) + "/" + (r.without().tally()[1]
                    + r.with().tally()[1]), DeliveryBench.cpu(r.without().load().cpu()),
                    DeliveryBench.cpu(r.with().load().cpu())));
        }
        double[] ratios = ratios();
        double[] rates = rates();
        sb.append(String.format(Locale.ROOT, "median | p99 x %.2f (%.2f .. %.2f) | replayed/s %,.0f (%,.0f .. %,.0f)%n",
                median(ratios), Arrays.stream(ratios).min().orElse(0), Arrays.stream(ratios).max().orElse(0),
                median(rates), Arrays.stream(rates).min().orElse(0), Arrays.stream(rates).max().orElse(0)));
        sb.append("(ms; p99 x: live p99 with the replay / without, in the same round; replayed/s: replayed events"
                + " arriving at receiver 1 over the measured window with the replay; progress/s: the replay's"
                + " eventsReplayed gained over it; l/d: live lost / duplicated; median (min .. max) over the rounds)\n");
    }
}
