package io.eventbus.control.health;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The latency buckets of per-minute counts ({@code target_minute.latency}): bucket k (1-based, as SQL arrays count)
 * holds the attempts from {@code BOUNDS[k-2]} (0 for the first) to under {@code BOUNDS[k-1]} ms; the last one those of
 * {@code BOUNDS[BOUNDS.length-1]} ms and more. A percentile read from them is the upper bound of its bucket: "p99 under
 * 200 ms". PostgreSQL's {@code width_bucket(latency_ms, bounds) + 1} puts an attempt in its bucket.
 */
final class LatencyBuckets {

    static final int[] BOUNDS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000};
    static final int COUNT = BOUNDS.length + 1;
    /** The bounds as a PostgreSQL array literal, for {@code width_bucket}. */
    static final String SQL_BOUNDS = "'{" + Arrays.stream(BOUNDS).mapToObj(Integer::toString)
            .collect(Collectors.joining(",")) + "}'::int[]";

    private LatencyBuckets() {
    }

    /** The attempts of a group, counted into buckets, as an SQL array expression over {@code latency_ms}. */
    static String histogram(String latencyColumn) {
        StringBuilder sql = new StringBuilder("ARRAY[");
        for (int k = 1; k <= COUNT; k++) {
            sql.append(k > 1 ? ", " : "").append("count(*) FILTER (WHERE width_bucket(").append(latencyColumn)
                    .append(", ").append(SQL_BOUNDS).append(") + 1 = ").append(k).append(")");
        }
        return sql.append("]::int[]").toString();
    }

    /** What a percentile in bucket k (1-based) is reported as: its upper bound, or the last bound for the last. */
    static int upperBound(int k) {
        return BOUNDS[Math.min(k, BOUNDS.length) - 1];
    }
}
