package io.eventbus.bench.ingest;

import java.util.Arrays;

/**
 * Rates from the arrival times of a scenario's deliveries ({@link Arrivals#arrivalTime}, System.nanoTime()), in time
 * order: how many arrived in a window, the best rate over any few seconds, the count per second.
 */
final class ArrivalRates {

    private ArrivalRates() {
    }

    /** The arrival times of the first n deliveries (duplicates included, at most those recorded), sorted. */
    static long[] times(Arrivals arrivals, int n) {
        long[] t = new long[Math.max(0, Math.min(n, arrivals.expected()))];
        for (int i = 0; i < t.length; i++) {
            t[i] = arrivals.arrivalTime(i);
        }
        Arrays.sort(t);
        return t;
    }

    /** Arrivals at or after from and before to. */
    static int count(long[] sorted, long from, long to) {
        return Math.max(0, lowerBound(sorted, to) - lowerBound(sorted, from));
    }

    /**
     * The highest rate over any {@code seconds} between arrivals at or after from and at or before to, counting
     * only whole windows (the arrivals after the first of a window, up to {@code seconds} later); 0 when there is
     * no whole window.
     */
    static double best(long[] sorted, long from, long to, double seconds) {
        long window = (long) (seconds * 1e9);
        int lo = lowerBound(sorted, from);
        int hi = lowerBound(sorted, to == Long.MAX_VALUE ? to : to + 1); // exclusive
        double best = 0;
        int j = lo;
        for (int i = lo; i < hi; i++) {
            while (j + 1 < hi && sorted[j + 1] - sorted[i] <= window) {
                j++;
            }
            if (sorted[hi - 1] - sorted[i] < window) {
                break; // less than a whole window left
            }
            best = Math.max(best, (j - i) / seconds);
        }
        return best;
    }

    /** Arrivals per second from origin (the first second holds origin .. origin + 1 s), space-separated. */
    static String perSecond(long[] sorted, long origin) {
        if (sorted.length == 0) {
            return "";
        }
        int seconds = (int) Math.max(0, (sorted[sorted.length - 1] - origin) / 1_000_000_000L) + 1;
        int[] buckets = new int[seconds];
        for (long t : sorted) {
            if (t >= origin) {
                buckets[(int) ((t - origin) / 1_000_000_000L)]++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int b : buckets) {
            sb.append(sb.length() == 0 ? "" : " ").append(b);
        }
        return sb.toString();
    }

    /** The first index whose time is at or after t. */
    private static int lowerBound(long[] sorted, long t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
