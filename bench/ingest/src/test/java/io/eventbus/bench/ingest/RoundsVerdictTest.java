package io.eventbus.bench.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verdicts of the bench in rounds: when a warm-up is steady, the median and spread, and the guard's comparison. */
class RoundsVerdictTest {

    private static final CpuUse.Usage IDLE = new CpuUse.Usage(3, 0, 1, 1, 1, 0);

    @Test
    void steadyWhenTheLastThreeLieWithinTheToleranceOfTheirMean() {
        assertTrue(Steady.steady(List.of(10.0, 50.0, 100.0, 102.0, 98.0), 0.05));
        assertFalse(Steady.steady(List.of(100.0, 110.0, 90.0), 0.05), "±10 % is not steady within 5 %");
        assertFalse(Steady.steady(List.of(100.0, 100.0), 0.05), "two slices are too few");
    }

    @Test
    void warmUpStopsOnceSteadyOrAtTheCap() throws Exception {
        Iterator<Double> ramp = List.of(10.0, 40.0, 80.0, 99.0, 100.0, 101.0, 500.0).iterator();
        Steady.Warmed warmed = Steady.warm(0, 60, 0.05, s -> ramp.next());
        assertTrue(warmed.steady());
        assertEquals(List.of(10.0, 40.0, 80.0, 99.0, 100.0, 101.0), warmed.figures());

        Iterator<Double> climbing = List.of(10.0, 20.0, 30.0, 40.0, 50.0).iterator();
        Steady.Warmed capped = Steady.warm(0.001, 0.0025, 0.05, s -> {
            Thread.sleep(1);
            return climbing.next();
        });
        assertFalse(capped.steady());
        assertTrue(capped.brief().startsWith("NOT steady"), capped.brief());
    }

    @Test
    void medianAndSpreadOverTheRounds() {
        Figure.Spread odd = ratio100(rounds(0.9, 1.1, 1.0));
        assertEquals(1.0, odd.median(), 1e-9);
        assertEquals(0.9, odd.low(), 1e-9);
        assertEquals(1.1, odd.high(), 1e-9);
        assertEquals(0.2, odd.relative(), 1e-9);
        assertEquals(0.95, ratio100(rounds(0.9, 1.1, 1.0, 0.8)).median(), 1e-9);
        assertEquals(1.0, Figure.Spread.of(List.of(1.0, Double.NaN)).median(), 1e-9, "a round without it is left out");
    }

    @Test
    void theGuardSaysWhichRatioGotWorseByMoreThanTheSpread(@TempDir Path dir) throws Exception {
        Path baseline = dir.resolve("baseline.tsv");
        Guard.record(baseline, IngestRounds.figures(rounds(0.98, 1.00, 1.02)), 3, "abc1234");
        List<Guard.Recorded> recorded = Guard.read(baseline);
        assertEquals(4, recorded.size());
        assertTrue(Files.readString(baseline).contains("\tabc1234\t"));

        boolean[] worse = {false};
        String within = Guard.compare(recorded, IngestRounds.figures(rounds(0.95, 0.97, 0.99)), worse);
        assertFalse(worse[0], within);
        assertTrue(within.contains("within the spread"), within);

        worse[0] = false;
        String dropped = Guard.compare(recorded, IngestRounds.figures(rounds(0.80, 0.82, 0.84)), worse);
        assertTrue(worse[0], dropped);
        assertTrue(dropped.contains("WORSE by more than the spread"), dropped);

        worse[0] = false;
        String better = Guard.compare(recorded, IngestRounds.figures(rounds(1.20, 1.22, 1.24)), worse);
        assertFalse(worse[0], better);
        assertTrue(better.contains("better by more than the spread"), better);
    }

    @Test
    void aFigureOfTheMachineDecidesOnlyOnTheMachineThatRecordedIt() {
        Figure cpu = new Figure("cpu-us-per-event@1000x1", "server + pg CPU us/event, 1000x1", false, false,
                Figure.Spread.of(List.of(1500.0, 1510.0, 1520.0)));
        String here = Machine.describe();
        boolean[] worse = {false};
        Guard.compare(List.of(new Guard.Recorded(cpu.key(), 1000, 990, 1010, "abc1234", "2026-12-07", here)),
                List.of(cpu), worse);
        assertTrue(worse[0], "50 % more CPU per event on the same machine");

        worse[0] = false;
        String elsewhere = Guard.compare(List.of(new Guard.Recorded(cpu.key(), 1000, 990, 1010, "abc1234",
                "2026-12-07", "machine: 64 cores elsewhere")), List.of(cpu), worse);
        assertFalse(worse[0], elsewhere);
        assertTrue(elsewhere.contains("for information"), elsewhere);
    }

    private static Figure.Spread ratio100(List<IngestRounds.Round> rounds) {
        return IngestRounds.figures(rounds).get(0).spread();
    }

    /** Rounds whose 100-entry ratio to a ceiling of 10,000 events/s is each of {@code ratios}; the rest alike. */
    private static List<IngestRounds.Round> rounds(double... ratios) {
        List<IngestRounds.Round> out = new ArrayList<>();
        int n = 1;
        for (double ratio : ratios) {
            PgCeiling.Result ceiling = new PgCeiling.Result(8, 100, 10, 100_000, 1_000, histogram(5_000), IDLE, "", null);
            out.add(new IngestRounds.Round(n++, ceiling, load(100, ratio * 100_000), load(10, 60_000),
                    load(10, 20_000), List.of(), IDLE));
        }
        return out;
    }

    private static IngestLoad.Result load(int batch, double entriesIn10s) {
        long entries = Math.round(entriesIn10s);
        return new IngestLoad.Result("test", 1, batch, 10, entries / batch, entries, 0, 0, 0, histogram(2_000),
                histogram(1_500), IDLE, null);
    }

    private static Histogram histogram(long micros) {
        Histogram h = new Histogram(600_000_000L, 3);
        h.recordValue(micros);
        return h;
    }
}
