package io.eventbus.bench.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The regression guard: compares the figures of a run in rounds with those recorded in the repository
 * ({@code bench/ingest/baseline-*.tsv}, written by {@code --record}). A figure got worse when its median moved the
 * wrong way by more than the spread measured (the larger of the recorded one and this run's, highest - lowest): a
 * smaller move is within what the machine does between two runs. Ratios to the raw PostgreSQL ceiling decide
 * anywhere; a figure of the machine (a latency, CPU per event) decides only on the machine that recorded it (the same
 * description), and elsewhere is compared for information.
 */
final class Guard {

    private static final String HEADER = """
            # The regression guard's recorded figures: bench/ingest/guard.sh compares a run's with these (docs/performance.md,
            # "Regression guard"). Written by bench/ingest/guard.sh --record; one line per figure, tab-separated.
            # metric\tmedian\tlow\thigh\trounds\tcommit\tdate\tmachine
            """;

    /** One recorded figure. */
    record Recorded(String metric, double median, double low, double high, String commit, String date,
                    String machine) {
    }

    private Guard() {
    }

    /**
     * What {@code --baseline} and {@code --record} ask of a run's figures: the comparison, appended to {@code sb},
     * and the record. True when a deciding figure got worse by more than the spread.
     */
    static boolean apply(Flags flags, List<Figure> figures, int rounds, StringBuilder sb) throws IOException {
        boolean[] worse = {false};
        if (!flags.get("baseline").isEmpty()) {
            sb.append(compare(read(Path.of(flags.get("baseline"))), figures, worse));
            if (worse[0]) {
                sb.append("!! a figure got worse by more than the spread\n");
            }
        }
        if (!flags.get("record").isEmpty()) {
            record(Path.of(flags.get("record")), figures, rounds, flags.get("commit"));
        }
        return worse[0];
    }

    static void record(Path file, List<Figure> figures, int rounds, String commit) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER);
        String machine = Machine.describe().replace('\t', ' ');
        for (Figure f : figures) {
            Figure.Spread s = f.spread();
            sb.append(String.join("\t", f.key(), num(s.median()), num(s.low()), num(s.high()),
                    Integer.toString(rounds), commit, LocalDate.now().toString(), machine)).append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
        Flags.out("(recorded the figures in " + file + ")");
    }

    static List<Recorded> read(Path file) throws IOException {
        List<Recorded> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            out.add(new Recorded(f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                    f.length > 5 ? f[5] : "?", f.length > 6 ? f[6] : "?", f.length > 7 ? f[7] : "?"));
        }
        return out;
    }

    /** The comparison, for the report; {@code worse[0]} is set when a deciding figure got worse beyond the spread. */
    static String compare(List<Recorded> recorded, List<Figure> figures, boolean[] worse) {
        StringBuilder sb = new StringBuilder("\n== Regression guard: this run against the recorded figures\n");
        String head = String.format("%-34s %22s %22s %9s %9s  %s%n", "figure", "recorded median (range)",
                "now median (range)", "change", "spread", "verdict");
        sb.append(head).append("-".repeat(head.length())).append('\n');
        String here = Machine.describe().replace('\t', ' ');
        for (Recorded r : recorded) {
            Figure f = figures.stream().filter(x -> x.key().equals(r.metric())).findFirst().orElse(null);
            if (f == null) {
                sb.append(r.metric()).append(": not a figure of this run, skipped\n");
                continue;
            }
            Figure.Spread now = f.spread();
            boolean decides = f.ratio() || here.equals(r.machine());
            double spread = Math.max(r.high() - r.low(), now.high() - now.low());
            double change = now.median() - r.median();
            double worseBy = f.higherIsBetter() ? -change : change;
            String verdict;
            if (Double.isNaN(now.median())) {
                verdict = "no figure this run";
            } else if (worseBy > spread) {
                verdict = decides ? "WORSE by more than the spread" : "worse by more than the spread (a figure of"
                        + " another machine: for information)";
                worse[0] |= decides;
            } else if (-worseBy > spread) {
                verdict = "better by more than the spread";
            } else {
                verdict = "within the spread";
            }
            sb.append(String.format(Locale.ROOT, "%-34s %22s %22s %+8.1f%% %8.1f%%  %s%n", f.label(),
                    f.format(r.median()) + " (" + f.format(r.low()) + "-" + f.format(r.high()) + ")",
                    f.format(now.median()) + " (" + f.format(now.low()) + "-" + f.format(now.high()) + ")",
                    100 * change / r.median(), 100 * spread / r.median(), verdict));
        }
        if (!recorded.isEmpty()) {
            sb.append("recorded at ").append(recorded.get(0).commit()).append(" on ").append(recorded.get(0).date())
                    .append(here.equals(recorded.get(0).machine()) ? ", on this machine's kind"
                            : ", on another kind of machine: " + recorded.get(0).machine()).append('\n');
        }
        return sb.toString();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
