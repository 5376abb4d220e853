package io.eventbus.bench.ingest;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Load on {@code POST /v1/buses/{bus}/events}: a closed loop (C clients, each sends its next request when the
 * previous one is answered) or an open loop (requests at fixed intended times; latency counted from the
 * intended send time, so a stalled server cannot hide its queueing: no coordinated omission).
 */
final class IngestLoad {

    /** Events carry detail.n in [0, N_RANGE); rules other than r-0 look at numbers above it (see Admin). */
    static final int N_RANGE = 1_000_000;
    static final String SOURCE = "bench.src";
    static final String DETAIL_TYPE = "Bench";
    private static final long MAX_MICROS = 600_000_000L;

    record Result(String scenario, int rules, int batch, double seconds, long requests, long entriesOk,
                  long failedEntries, long non200, long ioErrors, Histogram ack, Histogram service,
                  CpuUse.Usage cpu, String firstError) {

        double entriesPerSecond() {
            return entriesOk / seconds;
        }

        double requestsPerSecond() {
            return requests / seconds;
        }
    }

    private final URI base;
    private final String bus;
    private final String key;
    private final CpuUse cpu;
    private final int pad;
    private final boolean idempotencyKeys;
    private final java.util.Map<Integer, List<byte[]>> bodies = new java.util.HashMap<>();

    IngestLoad(URI base, String bus, String key, int pad, CpuUse cpu) {
        this(base, bus, key, pad, cpu, false);
    }

    /** With {@code idempotencyKeys}, every entry of the fixed bodies carries a key no other entry has. */
    IngestLoad(URI base, String bus, String key, int pad, CpuUse cpu, boolean idempotencyKeys) {
        this.base = base;
        this.bus = bus;
        this.key = key;
        this.cpu = cpu;
        this.pad = pad;
        this.idempotencyKeys = idempotencyKeys;
    }

    CpuUse cpu() {
        return cpu;
    }

    String path() {
        return "/v1/buses/" + bus + "/events";
    }

    /** 128 distinct request bodies of {@code batch} entries, each with a random detail.n and a padding string. */
    synchronized List<byte[]> bodies(int batch) {
        return bodies.computeIfAbsent(batch, b -> {
            SplittableRandom random = new SplittableRandom(b);
            List<byte[]> out = new ArrayList<>();
            for (int v = 0; v < 128; v++) {
                StringBuilder sb = new StringBuilder(b * (pad + 100)).append("{\"entries\":[");
                for (int i = 0; i < b; i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    sb.append("{\"source\":\"").append(SOURCE).append("\",\"detailType\":\"").append(DETAIL_TYPE)
                            .append("\",\"detail\":").append(detail(random.nextInt(N_RANGE), random)).append('}');
                }
                out.add(sb.append("]}").toString().getBytes(StandardCharsets.UTF_8));
            }
            return out;
        });
    }

    /** The detail object of one bench event: {"n": n, "pad": "...", "seq": "..."}; also used by PgCeiling. */
    String detail(int n, SplittableRandom random) {
        StringBuilder sb = new StringBuilder(pad + 40).append("{\"n\":").append(n).append(",\"pad\":\"");
        for (int i = 0; i < pad; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.append("\"}").toString();
    }

    /** One request; throws with the status and body unless it is a 200 without failed entries. */
    Http1.Response preflight(int batch) throws IOException {
        try (Http1 http = new Http1(base)) {
            Http1.Response r = http.send("POST", path(), key, bodies(batch).get(0));
            if (r.status() != 200) {
                throw new IOException("POST " + path() + " answered " + r.status() + ": " + r.body());
            }
            if (failedEntryCount(r.body()) != 0) {
                throw new IOException("POST " + path() + " refused entries: " + r.body());
            }
            return r;
        }
    }

    /** Puts one event with detail.n = n; true when it was accepted. */
    /** Whether the bus refuses an event its schema refuses (detail.n below 0): proof that validation is on. */
    boolean refusesAnInvalidEvent() throws IOException {
        try (Http1 http = new Http1(base)) {
            String body = "{\"entries\":[{\"source\":\"" + SOURCE + "\",\"detailType\":\"" + DETAIL_TYPE
                    + "\",\"detail\":{\"n\":-1}}]}";
            Http1.Response r = http.send("POST", path(), key, body.getBytes(StandardCharsets.UTF_8));
            return r.status() == 200 && r.body().contains("SchemaValidationFailed");
        }
    }

    /** Puts one entry (a JSON object as in {@code entries}); true when it was accepted. */
    boolean putEntry(String entry) throws IOException {
        try (Http1 http = new Http1(base)) {
            Http1.Response r = http.send("POST", path(), key, ("{\"entries\":[" + entry + "]}")
                    .getBytes(StandardCharsets.UTF_8));
            return r.status() == 200 && failedEntryCount(r.body()) == 0;
        }
    }

    boolean putOne(long n) throws IOException {
        try (Http1 http = new Http1(base)) {
            String body = "{\"entries\":[{\"source\":\"" + SOURCE + "\",\"detailType\":\"" + DETAIL_TYPE
                    + "\",\"detail\":{\"n\":" + n + ",\"probe\":true}}]}";
            Http1.Response r = http.send("POST", path(), key, body.getBytes(StandardCharsets.UTF_8));
            return r.status() == 200 && failedEntryCount(r.body()) == 0;
        }
    }

    /**
     * What the load sends: the body of request number {@code request} (numbered from 0 in the order requests are
     * taken; {@code intendedNanos} is its intended send time, System.nanoTime(); measured when that is after the
     * warm-up), and what became of it.
     */
    interface Bodies {
        byte[] body(long request, long intendedNanos, boolean measured);

        /** Called for every request, counted or not: ok when it was a 200 with every entry accepted. */
        default void answered(long request, boolean ok) {
        }
    }

    /**
     * The 128 fixed bodies of {@link #bodies(int)}, in turn; with idempotency keys, each entry gets a key of its own
     * (the run, the request number and the entry's index), written into the body as it is sent.
     */
    Bodies fixed(int batch) {
        List<byte[]> b = bodies(batch);
        if (!idempotencyKeys) {
            return (request, intended, measured) -> b.get((int) (request & (b.size() - 1)));
        }
        String run = Long.toString(System.nanoTime(), 36);
        List<String[]> entries = b.stream().map(body -> {
            String text = new String(body, StandardCharsets.UTF_8);
            return text.substring("{\"entries\":[".length(), text.length() - "]}".length()).split("(?<=\\}\\}),");
        }).toList();
        return (request, intended, measured) -> {
            String[] entry = entries.get((int) (request & (entries.size() - 1)));
            StringBuilder sb = new StringBuilder(b.get(0).length + entry.length * 40).append("{\"entries\":[");
            for (int i = 0; i < entry.length; i++) {
                sb.append(i == 0 ? "" : ",").append(entry[i], 0, entry[i].length() - 1)
                        .append(",\"idempotencyKey\":\"").append(run).append('-').append(request).append('-')
                        .append(i).append("\"}");
            }
            return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        };
    }

    Result closedLoop(String scenario, int rules, int batch, int clients, double warmupS, double durationS)
            throws InterruptedException {
        return run(scenario, rules, batch, clients, warmupS, durationS, null, fixed(batch), Long.MAX_VALUE);
    }

    Result openLoop(String scenario, int rules, int batch, int workers, double entriesPerSecond, double warmupS,
                    double durationS) throws InterruptedException {
        return run(scenario, rules, batch, workers, warmupS, durationS, batch * 1e9 / entriesPerSecond,
                fixed(batch), Long.MAX_VALUE);
    }

    /**
     * intervalNanos null: closed loop; else open loop with one request every intervalNanos. At most maxRequests
     * requests (then the threads stop early; a closed loop with warm-up 0 then measures until the last answer).
     */
    Result run(String scenario, int rules, int batch, int threads, double warmupS, double durationS,
               Double intervalNanos, Bodies b, long maxRequests) throws InterruptedException {
        return run(scenario, rules, batch, threads, warmupS, durationS, intervalNanos, b, maxRequests,
                System.nanoTime() + 50_000_000L); // every thread ready
    }

    /**
     * The same, starting at {@code start} (System.nanoTime(), a little ahead so every thread is ready): the warm-up
     * ends at start + warmupS and the measured window at start + warmupS + durationS, so the caller can watch
     * something else over the same window.
     */
    Result run(String scenario, int rules, int batch, int threads, double warmupS, double durationS,
               Double intervalNanos, Bodies b, long maxRequests, long start) throws InterruptedException {
        long warmEnd = start + (long) (warmupS * 1e9);
        long end = warmEnd + (long) (durationS * 1e9);
        AtomicLong next = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        AtomicLong entriesOk = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong non200 = new AtomicLong();
        AtomicLong ioErrors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        Histogram ack = new Histogram(MAX_MICROS, 3);
        Histogram service = new Histogram(MAX_MICROS, 3);
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                Histogram myAck = new Histogram(MAX_MICROS, 3);
                Histogram myService = new Histogram(MAX_MICROS, 3);
                try (Http1 http = new Http1(base)) {
                    parkUntil(start);
                    for (;;) {
                        long intended;
                        long request = next.getAndIncrement();
                        if (request >= maxRequests) {
                            break;
                        }
                        if (intervalNanos == null) {
                            intended = System.nanoTime();
                            if (intended >= end) {
                                break;
                            }
                        } else {
                            intended = start + (long) (request * intervalNanos);
                            if (intended >= end) {
                                break;
                            }
                            if (System.nanoTime() > end + 10_000_000_000L) {
                                break; // the server fell far behind the schedule: stop, the rate shows it
                            }
                            parkUntil(intended);
                        }
                        byte[] body = b.body(request, intended, intended >= warmEnd);
                        long sent = System.nanoTime();
                        Http1.Response r = null;
                        try {
                            r = http.send("POST", path(), key, body);
                        } catch (IOException e) {
                            if (ioErrors.getAndIncrement() == 0) {
                                firstError.compareAndSet(null, "I/O: " + e);
                                System.err.println("!! " + scenario + ": first I/O error: " + e);
                            }
                        }
                        long answered = System.nanoTime();
                        b.answered(request, r != null && r.status() == 200 && failedEntryCount(r.body()) == 0
                                && count(r.body(), "\"eventId\"") == batch);
                        // closed loop: counted when answered inside the window; open loop: when intended in it
                        boolean counted = intervalNanos == null ? answered >= warmEnd && answered <= end
                                : intended >= warmEnd;
                        if (!counted) {
                            continue;
                        }
                        requests.incrementAndGet();
                        if (r == null) {
                            continue;
                        }
                        if (r.status() != 200) {
                            if (non200.getAndIncrement() == 0) {
                                firstError.compareAndSet(null, r.status() + " " + r.body());
                                System.err.println("!! " + scenario + ": first non-200: " + r.status() + " "
                                        + r.body());
                            }
                            continue;
                        }
                        int f = failedEntryCount(r.body());
                        int ok = count(r.body(), "\"eventId\"");
                        if (f < 0 || ok + f != batch) {
                            if (non200.getAndIncrement() == 0) {
                                firstError.compareAndSet(null, "unexpected 200 body: " + r.body());
                                System.err.println("!! " + scenario + ": unexpected 200 body: " + r.body());
                            }
                            continue;
                        }
                        if (f > 0 && failed.getAndAdd(f) == 0) {
                            firstError.compareAndSet(null, "failed entries: " + r.body());
                            System.err.println("!! " + scenario + ": first failed entries: " + abbreviate(r.body()));
                        }
                        entriesOk.addAndGet(ok);
                        myAck.recordValue(Math.min(MAX_MICROS, Math.max(1, (answered - intended) / 1_000)));
                        myService.recordValue(Math.min(MAX_MICROS, Math.max(1, (answered - sent) / 1_000)));
                    }
                } catch (RuntimeException e) {
                    firstError.compareAndSet(null, e.toString());
                    e.printStackTrace();
                } finally {
                    synchronized (ack) {
                        ack.add(myAck);
                        service.add(myService);
                    }
                    done.countDown();
                }
            }, "load-" + t);
            thread.setDaemon(true);
            thread.start();
        }
        parkUntil(warmEnd);
        CpuUse.Snapshot c0 = cpu.snapshot();
        long left = end - System.nanoTime();
        boolean early = left > 0 ? done.await(left, TimeUnit.NANOSECONDS) : done.getCount() == 0;
        long measuredEnd = early ? Math.min(System.nanoTime(), end) : end; // early: maxRequests reached
        CpuUse.Snapshot c1 = cpu.snapshot();
        done.await();
        double seconds = early ? (measuredEnd - warmEnd) / 1e9 : durationS;
        return new Result(scenario, rules, batch, seconds, requests.get(), entriesOk.get(), failed.get(),
                non200.get(), ioErrors.get(), ack, service, CpuUse.between(c0, c1), firstError.get());
    }

    static void parkUntil(long nanoTime) {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    /** The failedEntryCount of a PutEvents answer; -1 when absent. */
    static int failedEntryCount(String body) {
        int i = body.indexOf("\"failedEntryCount\"");
        if (i < 0) {
            return -1;
        }
        i = body.indexOf(':', i) + 1;
        while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
            i++;
        }
        int n = 0;
        boolean any = false;
        while (i < body.length() && Character.isDigit(body.charAt(i))) {
            n = n * 10 + (body.charAt(i++) - '0');
            any = true;
        }
        return any ? n : -1;
    }

    static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }

    static String abbreviate(String s) {
        return s.length() <= 600 ? s : s.substring(0, 600) + "...(" + s.length() + " chars)";
    }
}
