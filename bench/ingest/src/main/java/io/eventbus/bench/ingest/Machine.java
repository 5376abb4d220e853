package io.eventbus.bench.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Facts about the machine the figures come from. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        String cpu = grep("/proc/cpuinfo", "model name");
        String mem = grep("/proc/meminfo", "MemTotal");
        String memory = mem.isEmpty() ? "?" : String.format(Locale.ROOT, "%.1f GiB",
                Long.parseLong(mem.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0);
        return String.format(Locale.ROOT,
                "machine: %d cores (nproc)%s, %s RAM, %s %s %s; java %s (%s %s); client, server and postgres share it",
                Runtime.getRuntime().availableProcessors(), cpu.isEmpty() ? "" : " " + cpu, memory,
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"));
    }

    private static String grep(String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "";
    }
}
