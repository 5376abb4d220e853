package io.eventbus.bench.ingest;

import java.io.PrintStream;
import java.util.Map;

/** The command line's {@code --name value} flags (defaults filled in), read as text or numbers; and the output. */
record Flags(Map<String, String> values) {

    String get(String name) {
        return values.get(name);
    }

    int num(String name) {
        return Integer.parseInt(get(name).trim());
    }

    double dbl(String name) {
        return Double.parseDouble(get(name).trim());
    }

    /** A line of the report, flushed at once (the runs are long; progress shows as it comes). */
    static void out(String line) {
        PrintStream o = System.out;
        o.println(line);
        o.flush();
    }
}
