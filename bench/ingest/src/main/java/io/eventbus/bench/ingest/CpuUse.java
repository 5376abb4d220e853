package io.eventbus.bench.ingest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time from /proc while a scenario runs: the whole machine (busy and iowait), the server JVM, the
 * embedded postgres (postmaster and all its children) and this client JVM. Linux only; zeros elsewhere.
 * Figures are in percent of ONE core, so on 2 cores the machine total is at most 200 %.
 */
final class CpuUse {

    private static final double TICKS = 100.0; // USER_HZ; 100 on every Linux we run on

    record Snapshot(long nanos, long machineBusy, long machineIowait, long server, long postgres, long client,
                    long receiverNanos) {
    }

    /** receiver: the webhook receiver threads of this client JVM (part of client), when there is one. */
    record Usage(double machineBusy, double iowait, double server, double postgres, double client, double receiver) {
        /** Everything else busy on the machine: other processes, kernel threads, interrupts. */
        double other() {
            return Math.max(0, machineBusy - server - postgres - client);
        }

        String brief() {
            return String.format(java.util.Locale.ROOT, "cpu%%: machine %.0f (iowait %.0f), server %.0f, postgres %.0f,"
                    + " client %.0f%s, other %.0f", machineBusy, iowait, server, postgres, client,
                    receiver > 0 ? String.format(java.util.Locale.ROOT, " (receiver %.0f)", receiver) : "", other());
        }
    }

    private final long serverPid;
    private final long postmasterPid;
    private final java.util.function.LongSupplier receiverNanos;

    CpuUse(long serverPid, long postmasterPid) {
        this(serverPid, postmasterPid, () -> 0);
    }

    /** receiverNanos: CPU time so far of the webhook receiver threads in this JVM. */
    CpuUse(long serverPid, long postmasterPid, java.util.function.LongSupplier receiverNanos) {
        this.serverPid = serverPid;
        this.postmasterPid = postmasterPid;
        this.receiverNanos = receiverNanos;
    }

    Snapshot snapshot() {
        long[] machine = machine();
        long pg = 0;
        if (postmasterPid > 0) {
            pg = ticks(postmasterPid);
            List<Long> children = children(postmasterPid);
            for (long child : children) {
                pg += ticks(child);
            }
            if (System.getenv("BENCH_DEBUG") != null) {
                System.err.println("postmaster " + postmasterPid + ": " + children.size() + " children, " + pg + " ticks");
            }
        }
        return new Snapshot(System.nanoTime(), machine[0], machine[1], serverPid > 0 ? ticks(serverPid) : 0, pg,
                ticks(ProcessHandle.current().pid()), receiverNanos.getAsLong());
    }

    static Usage between(Snapshot a, Snapshot b) {
        double seconds = (b.nanos() - a.nanos()) / 1e9;
        double f = 100.0 / TICKS / seconds;
        return new Usage((b.machineBusy() - a.machineBusy()) * f, (b.machineIowait() - a.machineIowait()) * f,
                (b.server() - a.server()) * f, Math.max(0, b.postgres() - a.postgres()) * f,
                (b.client() - a.client()) * f, (b.receiverNanos() - a.receiverNanos()) / 1e7 / seconds);
    }

    /** CPU time so far of a process (its threads included) in nanoseconds; 0 when it is gone. */
    static long processNanos(long pid) {
        return (long) (ticks(pid) * (1e9 / TICKS));
    }

    /** utime + stime of a process (its threads included) in ticks; 0 when it is gone. */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Direct children from /proc/[pid]/stat (ProcessHandle.children() missed fresh backends here). */
    private static List<Long> children(long parent) {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(f[1]) == parent) {
                        out.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return out;
    }

    /** {busy, iowait} ticks of all CPUs from the first line of /proc/stat. */
    private static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long user = Long.parseLong(f[1]);
            long nice = Long.parseLong(f[2]);
            long system = Long.parseLong(f[3]);
            long iowait = Long.parseLong(f[5]);
            long irq = Long.parseLong(f[6]);
            long softirq = Long.parseLong(f[7]);
            long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            return new long[] {user + nice + system + irq + softirq + steal, iowait};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
