package io.eventbus.bench.ingest;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The webhooks of one scenario as they arrive: events numbered {@code first .. first + events - 1}
 * ({@code detail.seq}), each expected once at each of {@code targets} receivers. Counts arrivals per event and
 * receiver (lost and duplicated deliveries), keeps the arrival time of each delivery in arrival order (rates), and
 * records the end-to-end latency from {@code detail.t0} (the intended send time of the request that carried the
 * event: System.nanoTime() - {@link #ORIGIN}) to its arrival, for events with {@code detail.m} = 1 (sent in the
 * measured window). Thread-safe; allocation-free per arrival apart from the body.
 */
final class Arrivals {

    /** detail.t0 is System.nanoTime() minus this (so never negative). */
    static final long ORIGIN = System.nanoTime() - 1_000_000_000L;
    private static final long MAX_MICROS = 600_000_000L;
    private static final byte[] SEQ = "\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] T0 = "\"t0\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] M = "\"m\":".getBytes(StandardCharsets.US_ASCII);

    private final long first;
    private final int events;
    private final int targets;
    private final AtomicIntegerArray counts;
    private final AtomicIntegerArray confirmed;
    private final AtomicLongArray times;
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicLong strays = new AtomicLong();
    private final Recorder latency = new Recorder(MAX_MICROS, 3);
    private final Histogram all = new Histogram(MAX_MICROS, 3);

    Arrivals(long first, int events, int targets) {
        this.first = first;
        this.events = events;
        this.targets = targets;
        this.counts = new AtomicIntegerArray(events * targets);
        this.confirmed = new AtomicIntegerArray(events);
        this.times = new AtomicLongArray(events * targets);
    }

    /** The sequence number of the first event of this scenario. */
    long first() {
        return first;
    }

    /** The events of this scenario. */
    int events() {
        return events;
    }

    int expected() {
        return events * targets;
    }

    /** Deliveries that arrived for events of this scenario, duplicates included. */
    int arrived() {
        return arrived.get();
    }

    /** Arrivals without a sequence number of this scenario (probes, the events of an earlier scenario). */
    long strays() {
        return strays.get();
    }

    /** The arrival time (System.nanoTime()) of the i-th delivery to arrive, from 0. */
    long arrivalTime(int i) {
        return times.get(i);
    }

    /** The ingest answer for events first+from .. first+from+n-1: ok when all were accepted. */
    void confirm(long seq, int n, boolean ok) {
        for (int i = 0; i < n; i++) {
            int e = (int) (seq - first) + i;
            if (e >= 0 && e < events) {
                confirmed.set(e, ok ? 1 : 2);
            }
        }
    }

    void arrived(int receiver, byte[] body, long now) {
        long seq = number(body, SEQ);
        if (seq < first || seq >= first + events || receiver >= targets) {
            strays.incrementAndGet();
            return;
        }
        int e = (int) (seq - first);
        counts.incrementAndGet(e * targets + receiver);
        int i = arrived.getAndIncrement();
        if (i < times.length()) {
            times.set(i, now);
        }
        if (number(body, M) == 1) {
            long t0 = number(body, T0) + ORIGIN;
            latency.recordValue(Math.min(MAX_MICROS, Math.max(1, (now - t0) / 1_000)));
        }
    }

    /** The end-to-end latencies recorded so far, in microseconds. */
    synchronized Histogram latency() {
        all.add(latency.getIntervalHistogram());
        return all.copy();
    }

    /** Tally of the confirmed events: {lost, duplicated, unconfirmed events that arrived anyway}. */
    long[] tally() {
        long lost = 0;
        long duplicated = 0;
        long unconfirmed = 0;
        for (int e = 0; e < events; e++) {
            for (int r = 0; r < targets; r++) {
                int c = counts.get(e * targets + r);
                if (confirmed.get(e) == 1) {
                    if (c == 0) {
                        lost++;
                    } else if (c > 1) {
                        duplicated += c - 1;
                    }
                } else if (c > 0) {
                    unconfirmed += c;
                }
            }
        }
        return new long[] {lost, duplicated, unconfirmed};
    }

    /** Confirmed events times targets: the deliveries that must arrive. */
    long due() {
        long n = 0;
        for (int e = 0; e < events; e++) {
            if (confirmed.get(e) == 1) {
                n += targets;
            }
        }
        return n;
    }

    /** The non-negative integer after the first occurrence of key, or -1. */
    static long number(byte[] body, byte[] key) {
        int i = indexOf(body, key);
        if (i < 0) {
            return -1;
        }
        i += key.length;
        while (i < body.length && body[i] == ' ') {
            i++;
        }
        long n = 0;
        boolean any = false;
        while (i < body.length && body[i] >= '0' && body[i] <= '9') {
            n = n * 10 + (body[i++] - '0');
            any = true;
        }
        return any ? n : -1;
    }

    private static int indexOf(byte[] body, byte[] key) {
        outer:
        for (int i = 0, last = body.length - key.length; i <= last; i++) {
            for (int j = 0; j < key.length; j++) {
                if (body[i + j] != key[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
