package io.eventbus.bench.ingest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** The results table: printed, or written to the file of {@code --out}. */
    void table(CharSequence table) throws IOException {
        if (get("out").isEmpty()) {
            System.out.print(table);
        } else {
            Files.writeString(Path.of(get("out")), table, StandardCharsets.UTF_8);
            out("(table written to " + get("out") + ")");
        }
    }

    /** A line of the report, flushed at once (the runs are long; progress shows as it comes). */
    static void out(String line) {
        PrintStream o = System.out;
        o.println(line);
        o.flush();
    }
}
