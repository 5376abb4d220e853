package io.eventbus.bench.ingest;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The replay scenario of the delivery bench (bench/ingest/run.sh delivery --scenarios replay): how fast a replay
 * delivers to a local receiver while live traffic flows, and what it does to the live traffic's latency.
 *
 * <p>One fresh server with delivery on. Rule {@code live} (bench events without a replay-name) has one webhook target
 * at receiver 0, rule {@code replayed} (any event with a replay-name) one at receiver 1; archive {@code bench-archive}
 * keeps every event of the bus. The bench preloads --replay-events numbered events of detail type "Archived" (no rule
 * matches them live) with explicit times spread over one hour in the past, vacuums and analyzes the database (so
 * autovacuum of the preload falls in no loop), then runs the latency scenario's open loop
 * at --replay-live-rate events/s (1 per request) twice: alone, then right after {@code POST /v1/replays} of that hour
 * through rule {@code replayed}. Over the second loop's measured window it counts the replayed events arriving at
 * receiver 1 and reads the replay's progress ({@code eventsReplayed}) at both ends. Then it waits for the replay to
 * complete and checks that every archived event arrived at receiver 1 and every live event at receiver 0.
 */
final class ReplayBench {

    static final String ARCHIVE = "bench-archive";
    static final String REPLAY = "bench-replay";
    static final String ARCHIVED_TYPE = "Archived";
    /** The archived events' times: spread over the hour before this instant, long past. */
    static final Instant WINDOW_END = Instant.parse("2020-01-01T00:00:00Z");
    static final Instant WINDOW_START = WINDOW_END.minusSeconds(3600);
    private static final int PRELOAD_BATCH = 100;
    /** The replay targets: replayed events/s over the measured window, and live p99 with / without at most. */
    private static final double TARGET_RATE = 5000;
    private static final double TARGET_P99_RATIO = 2;
    private static final double BEST_SECONDS = 5;

    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final Pattern REASON = Pattern.compile("\"stateReason\"\\s*:\\s*(null|\"(?:[^\"\\\\]|\\\\.)*\")");
    private static final Pattern TOTAL = Pattern.compile("\"eventsTotal\"\\s*:\\s*(null|\\d+)");
    private static final Pattern REPLAYED = Pattern.compile("\"eventsReplayed\"\\s*:\\s*(null|\\d+)");
    private static final Pattern DELIVERIES = Pattern.compile("\"deliveries\"\\s*:\\s*(null|\\d+)");
    private static final Pattern EVENT_COUNT = Pattern.compile("\"eventCount\"\\s*:\\s*(null|\\d+)");

    private final DeliveryBench bench;
    private final List<String> rows = new ArrayList<>();
    private int events;
    private ReplayRounds rounds;

    ReplayBench(DeliveryBench bench) {
        this.bench = bench;
    }

    /** What GET /v1/replays/{name} said at a moment (System.nanoTime()); counts -1 when null. */
    record Status(long nanos, String state, String reason, long total, long replayed, long deliveries) {
        boolean finished() {
            return state.equals("COMPLETED") || state.equals("CANCELLED") || state.equals("FAILED");
        }
    }

    /** One open loop of live events: what the load generator saw, the arrivals, the settled tally. */
    record Live(IngestLoad.Result load, Histogram e2e, long[] tally) {
    }

    void run() throws Exception {
        Flags flags = bench.flags;
        Receiver receiver = bench.receiver;
        int events = flags.num("replay-events");
        int rate = flags.num("replay-live-rate");
        if (events <= 0 || rate <= 0) {
            throw new IllegalArgumentException("--replay-events and --replay-live-rate must be above 0");
        }
        events = Math.max(PRELOAD_BATCH, events / PRELOAD_BATCH * PRELOAD_BATCH);
        Flags.out(String.format(Locale.ROOT, "-- replay: server with delivery on; rule live (bench events without a"
                + " replay-name) -> receiver 0, rule replayed (replay-name exists) -> receiver 1; archive %s keeps"
                + " every event; %,d archived events, live open loop at %,d events/s", ARCHIVE, events, rate));
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("replayed", rule("{\"replay-name\":[{\"exists\":true}]}", 1)); // first: matching live proves both
        rules.put("live", rule("{\"source\":[\"" + IngestLoad.SOURCE + "\"],\"detail-type\":[\"" + IngestLoad.DETAIL_TYPE
                + "\"],\"replay-name\":[{\"exists\":false}]}", 0));
        try (DeliveryBench.Phase p = bench.phase(bench.work.resolve("replay"), true, false, rules, "live",
                "rules live (1 webhook target, receiver 0) and replayed (1 webhook target, receiver 1)")) {
            Admin admin = new Admin(p.server.url(), p.server.adminToken());
            archive(p, admin);

            Arrivals archived = preload(p, admin, events);
            if (archived == null) {
                return;
            }
            receiver.track(1, archived);
            Flags.out(String.format(Locale.ROOT, "   vacuumed and analyzed the database in %.1f s, so that autovacuum"
                    + " of the preload does not fall in the loop without the replay", p.pg.vacuum()));

            int rounds = flags.num("replay-rounds");
            if (rounds > 0) {
                this.events = events;
                this.rounds = new ReplayRounds(bench, this);
                this.rounds.run(p, admin, archived, rate, rounds);
                return;
            }
            Flags.out(String.format(Locale.ROOT, "-- live open loop without a replay: %,d events/s, 1 per request, %d"
                    + " workers; %.0f s warm-up, %.0f s measured", rate, flags.num("rate-workers"), bench.warmup,
                    bench.duration));
            Live without = live(p, rate, "replay: live without the replay", System.nanoTime() + 200_000_000L);
            if (archived.arrived() + archived.strays() > 0) {
                bench.fail(String.format("!! replay: %,d deliveries arrived at receiver 1 before the replay started",
                        archived.arrived() + archived.strays()));
            }

            // the replay, then at once the same open loop; its status is read every second, and at both ends of
            // the measured window
            int replayRate = flags.num("replay-rate");
            long posted = System.nanoTime();
            admin.create("/v1/replays", replay(REPLAY, replayRate));
            long start = System.nanoTime() + 200_000_000L; // the load's threads ready
            long warmEnd = start + (long) (bench.warmup * 1e9);
            long end = warmEnd + (long) (bench.duration * 1e9);
            String limit = replayRate > 0 ? "rate limit " + replayRate + "/s" : "no rate limit";
            Flags.out(String.format(Locale.ROOT, "-- replay %s of %s .. %s through rule replayed, %s;"
                    + " live open loop again: %.0f s warm-up, %.0f s measured", REPLAY, WINDOW_START, WINDOW_END,
                    limit, bench.warmup, bench.duration));
            List<Status> statuses = new CopyOnWriteArrayList<>();
            Status[] ends = new Status[2];
            Thread watch = watch(admin, REPLAY, warmEnd, end, statuses, ends);
            Live with;
            try {
                with = live(p, rate, "replay: live with the replay", start);
            } finally {
                watch.join(10_000);
                watch.interrupt();
            }

            Status last = complete(admin, REPLAY, statuses);
            long[] tally = bench.settle(archived, p.pg);
            report(events, rate, archived, without, with, posted, warmEnd, end, ends, statuses, last, tally);
        } finally {
            receiver.track(0, null);
            receiver.track(1, null);
        }
    }

    /** The request that starts replay {@code name} of the whole window through rule replayed; rate 0: no limit. */
    static String replay(String name, int rate) {
        return String.format("{\"name\":\"%s\",\"archive\":\"%s\",\"description\":\"delivery bench\","
                + "\"eventStartTime\":\"%s\",\"eventEndTime\":\"%s\",\"rules\":[\"replayed\"]%s}", name, ARCHIVE,
                DateTimeFormatter.ISO_INSTANT.format(WINDOW_START), DateTimeFormatter.ISO_INSTANT.format(WINDOW_END),
                rate > 0 ? ",\"rateLimitPerSecond\":" + rate : "");
    }

    /** A rule with one webhook target at receiver i. */
    private String rule(String pattern, int i) {
        return "{\"description\":\"delivery bench, replay\",\"eventPattern\":" + pattern + ",\"targets\":["
                + bench.webhook(i) + "]}";
    }

    /**
     * Creates the archive, then puts probe events (detail type ArchiveProbe, a day before the replay's window, so
     * neither a rule nor the replay takes them) until the archive holds one: the data plane archives from then on.
     */
    private void archive(DeliveryBench.Phase p, Admin admin) throws Exception {
        admin.create("/v1/archives", "{\"name\":\"" + ARCHIVE + "\",\"bus\":\"" + DeliveryBench.BUS
                + "\",\"description\":\"delivery bench, replay\"}");
        String probe = "{\"source\":\"" + IngestLoad.SOURCE + "\",\"detailType\":\"ArchiveProbe\",\"time\":\""
                + DateTimeFormatter.ISO_INSTANT.format(WINDOW_START.minusSeconds(86_400)) + "\",\"detail\":{\"probe\":true}}";
        long t0 = System.nanoTime();
        int probes = 0;
        while (number(EVENT_COUNT, admin.get("/v1/archives/" + ARCHIVE)) <= 0) {
            if (System.nanoTime() - t0 > 120_000_000_000L) {
                throw new IOException("after 120 s archive " + ARCHIVE + " still keeps no event");
            }
            if (!p.load.putEntry(probe)) {
                throw new IOException("an archive probe event was refused");
            }
            probes++;
            Thread.sleep(300);
        }
        Flags.out(String.format(Locale.ROOT, "   archive %s keeps events after %d probe(s) (%.1f s)", ARCHIVE, probes,
                (System.nanoTime() - t0) / 1e9));
    }

    /**
     * Puts the archived events: a closed loop of --clients clients, 100-entry batches, times spread evenly over the
     * window in sequence order. Returns their arrivals (receiver 1, once the replay runs), or null when the load
     * failed.
     */
    private Arrivals preload(DeliveryBench.Phase p, Admin admin, int events) throws Exception {
        long first = bench.seqs(events);
        Arrivals arrivals = new Arrivals(first, events, 1);
        double spacing = 3600e9 / events;
        SeqBodies bodies = new SeqBodies(first, PRELOAD_BATCH, arrivals, bench.pad, ARCHIVED_TYPE,
                seq -> DateTimeFormatter.ISO_INSTANT.format(WINDOW_START.plusNanos((long) ((seq - first) * spacing))));
        Flags.out(String.format(Locale.ROOT, "-- preload: %,d events of detail type %s, times %s .. %s, batches of %d,"
                + " %d clients", events, ARCHIVED_TYPE, WINDOW_START, WINDOW_END, PRELOAD_BATCH, bench.flags.num("clients")));
        IngestLoad.Result r = p.load.run("replay preload", 2, PRELOAD_BATCH, bench.flags.num("clients"), 0, 1800, null,
                bodies, events / PRELOAD_BATCH);
        bench.check(r, "replay preload");
        long due = arrivals.due();
        String archive = admin.get("/v1/archives/" + ARCHIVE);
        Flags.out(String.format(Locale.ROOT, "   preloaded %,d events in %.1f s (%,.0f/s); the archive holds %,d events"
                + " (with the probes)", r.entriesOk(), r.seconds(), r.entriesPerSecond(), number(EVENT_COUNT, archive)));
        if (due != events) {
            bench.fail(String.format("!! replay preload: %,d of %,d events were accepted", due, events));
            return null;
        }
        return arrivals;
    }

    /** The latency scenario's open loop at rate events/s, 1 per request, starting at start; then settled. */
    private Live live(DeliveryBench.Phase p, int rate, String name, long start) throws Exception {
        return live(p, rate, name, bench.warmup, bench.duration, start);
    }

    /** {@link #live(DeliveryBench.Phase, int, String, long)} with its own warm-up and measured seconds. */
    Live live(DeliveryBench.Phase p, int rate, String name, double warmup, double duration, long start)
            throws Exception {
        long requests = (long) Math.ceil((warmup + duration) * rate) + 1;
        long first = bench.seqs(requests);
        Arrivals arrivals = new Arrivals(first, (int) requests, 1);
        SeqBodies bodies = new SeqBodies(first, 1, arrivals, bench.pad);
        bench.receiver.track(0, arrivals);
        IngestLoad.Result r = p.load.run(name, 2, 1, bench.flags.num("rate-workers"), warmup, duration,
                1e9 / rate, bodies, requests, start);
        long[] tally = bench.settle(arrivals, p.pg);
        Histogram e2e = arrivals.latency();
        bench.checkSchedule(r, rate, 1, name);
        bench.check(r, name);
        bench.checkTally(tally, name);
        bench.checkLate(tally, name);
        Flags.out(String.format(Locale.ROOT, "   ingest %,.0f entries/s, ack p50/p99 %s/%s ms; end-to-end p50/p99/p999/max"
                + " %s/%s/%s/%s ms over %,d events; lost %d, duplicated %d, late %d; %s", r.entriesPerSecond(),
                IngestBench.ms(r.ack(), 50), IngestBench.ms(r.ack(), 99), IngestBench.ms(e2e, 50),
                IngestBench.ms(e2e, 99), IngestBench.ms(e2e, 99.9), DeliveryBench.max(e2e), e2e.getTotalCount(),
                tally[0], tally[1], tally[3], r.cpu().brief()));
        return new Live(r, e2e, tally);
    }

    /**
     * Reads the replay's status every second from now until {@code end}, and at {@code warmEnd} and {@code end}
     * exactly (ends[0], ends[1]; left null when a read failed).
     */
    static Thread watch(Admin admin, String name, long warmEnd, long end, List<Status> statuses,
                                Status[] ends) {
        Thread t = new Thread(() -> {
            long tick = System.nanoTime();
            boolean started = false;
            try {
                while (true) {
                    long due = Math.min(tick, started ? end : warmEnd);
                    long left = due - System.nanoTime();
                    if (left > 0) {
                        Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
                    }
                    Status s = null;
                    try {
                        s = status(admin, name);
                        statuses.add(s);
                    } catch (IOException e) {
                        System.err.println("!! replay: GET /v1/replays/" + name + ": " + e);
                    }
                    if (!started && due == warmEnd) {
                        ends[0] = s;
                        started = true;
                    } else if (started && due == end) {
                        ends[1] = s;
                        return;
                    }
                    if (due == tick) {
                        tick += 1_000_000_000L;
                    }
                }
            } catch (InterruptedException e) {
                // the loop is over
            }
        }, "replay-watch");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Waits for the replay to finish: gives up when its eventsReplayed has not moved for --drain-wait s, or after
     * --drain-timeout s in all. Returns its last status.
     */
    Status complete(Admin admin, String name, List<Status> statuses) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        long stall = (long) (bench.flags.dbl("drain-wait") * 1e9);
        long limit = (long) (bench.flags.dbl("drain-timeout") * 1e9);
        Status last = status(admin, name);
        long moved = t0;
        long replayed = last.replayed();
        while (!last.finished() && System.nanoTime() - t0 < limit && System.nanoTime() - moved < stall) {
            Thread.sleep(250);
            statuses.add(last);
            last = status(admin, name);
            if (last.replayed() != replayed) {
                replayed = last.replayed();
                moved = System.nanoTime();
            }
        }
        statuses.add(last);
        Flags.out(String.format(Locale.ROOT, "   replay %s%s %.1f s after the live loop: %,d of %s archived events"
                + " replayed, %,d deliveries", last.state(), last.reason() == null ? "" : " (" + last.reason() + ")",
                (System.nanoTime() - t0) / 1e9, last.replayed(), last.total() < 0 ? "?" : String.format("%,d",
                last.total()), last.deliveries()));
        return last;
    }

    /** The replay's eventsReplayed gained per second between ends[0] and ends[1]; -1 when either is unknown. */
    static double progress(Status[] ends) {
        if (ends[0] == null || ends[1] == null || ends[0].replayed() < 0 || ends[1].replayed() < 0) {
            return -1;
        }
        return (ends[1].replayed() - ends[0].replayed()) / ((ends[1].nanos() - ends[0].nanos()) / 1e9);
    }

    static Status status(Admin admin, String name) throws IOException {
        long before = System.nanoTime();
        String body = admin.get("/v1/replays/" + name);
        long nanos = before + (System.nanoTime() - before) / 2;
        Matcher state = STATE.matcher(body);
        Matcher reason = REASON.matcher(body);
        String why = reason.find() && !reason.group(1).equals("null") ? reason.group(1) : null;
        return new Status(nanos, state.find() ? state.group(1) : "?", why, number(TOTAL, body),
                number(REPLAYED, body), number(DELIVERIES, body));
    }

    /** The whole number of a field; -1 when null or absent. */
    private static long number(Pattern field, String body) {
        Matcher m = field.matcher(body);
        return m.find() && !m.group(1).equals("null") ? Long.parseLong(m.group(1)) : -1;
    }

    // ---------------------------------------------------------------------------------------------------------
    // results

    private void report(int events, int rate, Arrivals archived, Live without, Live with, long posted, long warmEnd,
                        long end, Status[] ends, List<Status> statuses, Status last, long[] tally) {
        long due = archived.due();
        long[] times = ArrivalRates.times(archived, archived.arrived());
        double seconds = (end - warmEnd) / 1e9;
        double inWindow = ArrivalRates.count(times, warmEnd, end) / seconds;
        double best = ArrivalRates.best(times, warmEnd, end, BEST_SECONDS);
        double bestAll = ArrivalRates.best(times, Long.MIN_VALUE, Long.MAX_VALUE, BEST_SECONDS);
        double progress = progress(ends);
        double p99Without = without.e2e().getTotalCount() == 0 ? 0 : without.e2e().getValueAtPercentile(99);
        double p99With = with.e2e().getTotalCount() == 0 ? 0 : with.e2e().getValueAtPercentile(99);
        double ratio = p99Without > 0 && p99With > 0 ? p99With / p99Without : -1;

        Flags.out(String.format(Locale.ROOT, "   replayed events at receiver 1 in the measured window: %,.0f/s; best %.0f s"
                + " in it: %,.0f/s; the replay's progress over it: %s/s (eventsReplayed %s -> %s, state %s -> %s);"
                + " best %.0f s of the whole replay: %,.0f/s", inWindow, BEST_SECONDS, best,
                progress < 0 ? "?" : String.format(Locale.ROOT, "%,.0f", progress), replayed(ends[0]),
                replayed(ends[1]), ends[0] == null ? "?" : ends[0].state(), ends[1] == null ? "?" : ends[1].state(),
                BEST_SECONDS, bestAll));
        if (times.length > 0) {
            Flags.out(String.format(Locale.ROOT, "   replayed arrivals per second from the POST (the measured window is"
                    + " seconds %.1f to %.1f): %s", (warmEnd - posted) / 1e9, (end - posted) / 1e9,
                    ArrivalRates.perSecond(times, posted)));
            bench.note(String.format(Locale.ROOT, "replay: %,d archived events; first replayed arrival %.1f s after the"
                    + " POST, last %.1f s after it (%,.0f/s first to last); best %.0f s of the whole replay %,.0f/s;"
                    + " the measured window was %.1f to %.1f s after the POST", events, (times[0] - posted) / 1e9,
                    (times[times.length - 1] - posted) / 1e9, times.length > 1 ? (times.length - 1)
                    / ((times[times.length - 1] - times[0]) / 1e9) : 0, BEST_SECONDS, bestAll,
                    (warmEnd - posted) / 1e9, (end - posted) / 1e9));
        }
        statuses.stream().filter(Status::finished).findFirst().ifPresent(f -> bench.note(String.format(Locale.ROOT,
                "replay: %s by %.1f s after the POST (its status read every second during the live loop, every 250 ms"
                + " after it); the measured window ended %.1f s after the POST", f.state(), (f.nanos() - posted) / 1e9,
                (end - posted) / 1e9)));
        bench.note("replay: CPU of the measured window without the replay: " + DeliveryBench.cpu(without.load().cpu())
                + " (" + without.load().cpu().brief() + ")");

        // done before the window was over: the figures mix the replay with a stretch without it
        boolean doneAtEnd = ends[1] != null && ends[1].finished();
        boolean allArrived = due > 0 && ArrivalRates.count(times, Long.MIN_VALUE, end + 1) >= due;
        if (doneAtEnd || allArrived) {
            double took = times.length > 0 ? (times[times.length - 1] - posted) / 1e9 : 0;
            double perSecond = took > 0 ? events / took : 0;
            long suggest = (long) Math.ceil(perSecond * (bench.warmup + bench.duration) * 1.5 / 100_000) * 100_000;
            bench.note(String.format(Locale.ROOT, "!! replay: THE REPLAY WAS DONE BEFORE THE MEASURED WINDOW ENDED (%s):"
                    + " the replay rate and the live latency 'with replay' include a stretch without it and are"
                    + " diluted; run again with a larger --replay-events (about %,d: %,.0f/s x (%.0f + %.0f s) x 1.5)",
                    doneAtEnd ? "state " + ends[1].state() + " at the end of the window" : "its last event arrived"
                    + String.format(Locale.ROOT, " %.1f s before the end", (end - times[times.length - 1]) / 1e9),
                    Math.max(suggest, events * 2L), perSecond, bench.warmup, bench.duration));
        }
        if (ends[0] != null && ends[0].replayed() <= 0) {
            bench.note("replay: at the start of the measured window the replay was " + ends[0].state() + " with "
                    + replayed(ends[0]) + " events replayed");
        }

        // correctness: every archived event at receiver 1 (once the replay completed), and the server's counts
        if (!last.state().equals("COMPLETED")) {
            bench.fail(String.format(Locale.ROOT, "!! replay: %s%s when the bench stopped waiting (no progress for"
                    + " --drain-wait %.0f s, or --drain-timeout %.0f s in all): %,d of %,d archived events arrived"
                    + " (late or lost); duplicated %,d", last.state(), last.reason() == null ? "" : " (" + last.reason()
                    + ")", bench.flags.dbl("drain-wait"), bench.flags.dbl("drain-timeout"), due - tally[0] - tally[3],
                    due, tally[1]));
        } else {
            bench.checkTally(tally, "replay");
            bench.checkLate(tally, "replay");
        }
        if (last.total() != due || last.replayed() != due || last.deliveries() != due) {
            bench.note(String.format(Locale.ROOT, "!! replay: the server reports eventsTotal %,d, eventsReplayed %,d,"
                    + " deliveries %,d; the bench put %,d archived events in the window (one delivery each)",
                    last.total(), last.replayed(), last.deliveries(), due));
        }
        if (archived.strays() > 0) {
            bench.note(String.format("replay: %,d deliveries at receiver 1 carried no archived event's number",
                    archived.strays()));
        }
        bench.note(String.format(Locale.ROOT, "replay targets: >= %,.0f replayed events/s while %,d live events/s flow:"
                + " %,.0f/s over the measured window (%s); live p99 with the replay at most %.0fx its value without:"
                + " %s (%s)", TARGET_RATE, rate, inWindow, inWindow >= TARGET_RATE ? "met" : "NOT met",
                TARGET_P99_RATIO, ratio < 0 ? "-" : String.format(Locale.ROOT, "%.2fx", ratio),
                ratio < 0 ? "no figure" : ratio <= TARGET_P99_RATIO ? "met" : "NOT met"));

        this.events = events;
        long liveLost = without.tally()[0] + with.tally()[0];
        long liveDup = without.tally()[1] + with.tally()[1];
        Histogram a = without.e2e();
        Histogram b = with.e2e();
        rows.add(String.format(Locale.ROOT, "%,9d | %8s %8s %8s %8s | %8s %8s %8s %8s | %6s | %,11.0f %,10.0f %11s | %9s %9s  %s",
                rate, IngestBench.ms(a, 50), IngestBench.ms(a, 99), IngestBench.ms(a, 99.9), DeliveryBench.max(a),
                IngestBench.ms(b, 50), IngestBench.ms(b, 99), IngestBench.ms(b, 99.9), DeliveryBench.max(b),
                ratio < 0 ? "-" : String.format(Locale.ROOT, "%.2f", ratio), inWindow, best,
                progress < 0 ? "-" : String.format(Locale.ROOT, "%,.0f", progress), liveLost + "/" + liveDup,
                tally[0] + "/" + tally[1], DeliveryBench.cpu(with.load().cpu())));
    }

    private static String replayed(Status s) {
        return s == null || s.replayed() < 0 ? "?" : String.format(Locale.ROOT, "%,d", s.replayed());
    }

    /** The replay section of the results table; nothing when the scenario did not run. */
    void table(StringBuilder sb) {
        if (rounds != null) {
            rounds.table(sb, events);
        }
        if (rows.isEmpty()) {
            return;
        }
        sb.append(String.format(Locale.ROOT, "%nReplay: %,d archived events replayed (rule replayed, receiver 1) while"
                + " an open loop of live events, 1 per request, goes to receiver 0 (rule live); live end-to-end as in the"
                + " latency table, without and with the replay; %.0f s warm-up, %.0f s measured each%n", events,
                bench.warmup, bench.duration));
        String head = String.format("%9s | %8s %8s %8s %8s | %8s %8s %8s %8s | %6s | %11s %10s %11s | %9s %9s  %s%n",
                "live/s", "w/o p50", "w/o p99", "w/o p999", "w/o max", "with p50", "with p99", "with p999", "with max",
                "p99 x", "replayed/s", "best 5 s/s", "progress/s", "live l/d", "replay l/d",
                "cpu% of 1 core: machine/iowait/server/pg/bench/receiver/other (with the replay)");
        sb.append(head).append("-".repeat(head.length())).append('\n');
        rows.forEach(r -> sb.append(r).append('\n'));
        sb.append("(ms; p99 x: live p99 with the replay / without; replayed/s: replayed events arriving at receiver 1 in"
                + " the measured window of the live loop with the replay; best 5 s: the highest rate over 5 s inside"
                + " that window; progress/s: the replay's eventsReplayed gained over it (GET /v1/replays); l/d: lost"
                + " / duplicated, live over both loops)\n");
    }
}
