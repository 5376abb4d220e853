package io.eventbus.bench.ingest;

import java.util.List;
import java.util.Locale;

/**
 * A figure measured over rounds, as the report gives it and the guard records and compares it ({@link Guard}).
 *
 * @param ratio          a ratio to the raw PostgreSQL ceiling: comparable between machines; otherwise a figure of the
 *                       machine (a latency, CPU per event), compared strictly only on the machine that recorded it
 * @param higherIsBetter which way is better
 */
record Figure(String key, String label, boolean ratio, boolean higherIsBetter, Spread spread) {

    /** Median, lowest and highest of a figure over the rounds (NaN, a round without it, left out). */
    record Spread(double median, double low, double high) {

        static Spread of(List<Double> values) {
            double[] v = values.stream().mapToDouble(Double::doubleValue).filter(d -> !Double.isNaN(d)).sorted()
                    .toArray();
            if (v.length == 0) {
                return new Spread(Double.NaN, Double.NaN, Double.NaN);
            }
            double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
            return new Spread(median, v[0], v[v.length - 1]);
        }

        /** highest - lowest, relative to the median. */
        double relative() {
            return (high - low) / median;
        }
    }

    String format(double v) {
        return ratio || v < 100 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%,.0f", v);
    }

    /** "median (low - high), spread N %", for the reports. */
    String brief() {
        return String.format(Locale.ROOT, "median %s (%s - %s), spread %.0f %%", format(spread.median()),
                format(spread.low()), format(spread.high()), 100 * spread.relative());
    }
}
