package io.eventbus.bench.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Warm-up until a figure is steady, instead of for a fixed time: a JVM still compiling (C2 runs for a minute and more
 * after a start on 2 cores) makes the first scenarios of a run slower than the later ones, whatever they measure. The
 * scenario runs in slices of a few seconds until the last {@link #WINDOW} slices' figures lie within ± tolerance of
 * their mean, or until the cap; the measured window follows at once.
 */
final class Steady {

    static final int WINDOW = 3;

    /** One slice of the scenario: runs it for {@code seconds} and answers its figure (a rate, a latency). */
    @FunctionalInterface
    interface Slice {
        double run(double seconds) throws Exception;
    }

    /** How a warm-up went: its slices' figures, and whether the last {@link #WINDOW} were steady. */
    record Warmed(double seconds, List<Double> figures, boolean steady) {
        String brief() {
            StringBuilder sb = new StringBuilder();
            for (double f : figures) {
                sb.append(sb.isEmpty() ? "" : " ").append(f >= 100 ? String.format(Locale.ROOT, "%,.0f", f)
                        : String.format(Locale.ROOT, "%.2f", f));
            }
            return String.format(Locale.ROOT, "%s after %.0f s (%d slices: %s)", steady ? "steady" : "NOT steady",
                    seconds, figures.size(), sb);
        }
    }

    private Steady() {
    }

    /** Slices of {@code sliceS} until steady within ± {@code tolerance} (0.05: 5 %) or {@code capS} spent. */
    static Warmed warm(double sliceS, double capS, double tolerance, Slice slice) throws Exception {
        List<Double> figures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (;;) {
            figures.add(slice.run(sliceS));
            double spent = (System.nanoTime() - t0) / 1e9;
            boolean steady = steady(figures, tolerance);
            if (steady || spent + sliceS > capS) {
                return new Warmed(spent, figures, steady);
            }
        }
    }

    /** Whether the last {@link #WINDOW} figures lie within ± tolerance of their mean. */
    static boolean steady(List<Double> figures, double tolerance) {
        if (figures.size() < WINDOW) {
            return false;
        }
        List<Double> last = figures.subList(figures.size() - WINDOW, figures.size());
        double mean = last.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return mean > 0 && last.stream().allMatch(f -> Math.abs(f - mean) <= tolerance * mean);
    }
}
