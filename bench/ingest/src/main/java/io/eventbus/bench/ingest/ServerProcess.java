package io.eventbus.bench.ingest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A server of the delivery scenarios, started and stopped through bench/ingest/server.sh (the same start and stop
 * as run.sh's): the fat jar on a free loopback port with the given home and extra environment, healthy on return.
 */
final class ServerProcess implements AutoCloseable {

    private final Path script;
    private final Path home;
    private final URI url;
    private final Process starter;
    private final long pid;
    private final long startedNanos;
    private double startSeconds = -1;
    private boolean stopped;

    private ServerProcess(Path script, Path home, URI url, Process starter, long pid, long startedNanos) {
        this.script = script;
        this.home = home;
        this.url = url;
        this.starter = starter;
        this.pid = pid;
        this.startedNanos = startedNanos;
    }

    /** Starts a server and waits until it is healthy. */
    static ServerProcess start(Path script, Path home, Map<String, String> env) throws IOException,
            InterruptedException {
        ServerProcess s = launch(script, home, env);
        s.awaitUp();
        return s;
    }

    /**
     * Starts a server and returns as soon as its JVM runs (its pid is known), before it is healthy: a server that
     * finds work waiting (a delivery backlog) starts on it before /health says UP. Then {@link #awaitUp()}.
     */
    static ServerProcess launch(Path script, Path home, Map<String, String> env) throws IOException,
            InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            port = s.getLocalPort();
        }
        Path log = Path.of(home + ".log");
        Path pidFile = Path.of(home + ".pid");
        Files.deleteIfExists(pidFile);
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "start", home.toString(),
                Integer.toString(port), log.toString());
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        long t0 = System.nanoTime();
        Process p = pb.start();
        long pid = -1;
        while (pid < 0) {
            if (Files.exists(pidFile)) {
                String text = Files.readString(pidFile).trim();
                if (!text.isEmpty()) {
                    pid = Long.parseLong(text);
                    break;
                }
            }
            if (!p.isAlive()) {
                throw new IOException("server.sh start failed (exit " + p.exitValue() + "); log in " + log);
            }
            Thread.sleep(5);
        }
        return new ServerProcess(script, home, URI.create("http://127.0.0.1:" + port), p, pid, t0);
    }

    /** Waits for /health UP (server.sh gives up after 120 s). */
    void awaitUp() throws IOException, InterruptedException {
        if (starter.waitFor() != 0) {
            stopped = true; // server.sh stopped it
            throw new IOException("the server did not start (server.sh exit " + starter.exitValue() + "); log in "
                    + home + ".log");
        }
        startSeconds = (System.nanoTime() - startedNanos) / 1e9;
    }

    URI url() {
        return url;
    }

    long pid() {
        return pid;
    }

    Path home() {
        return home;
    }

    /** System.nanoTime() when the start began (before the JVM existed). */
    long startedNanos() {
        return startedNanos;
    }

    /** Seconds from the start until /health said UP (after awaitUp). */
    double startSeconds() {
        return startSeconds;
    }

    /**
     * The server's resident memory now and its peak so far (VmRSS, VmHWM of /proc/PID/status), in MiB: "rss/peak",
     * or "-" when it cannot be read.
     */
    String memory() {
        try {
            long rss = -1;
            long peak = -1;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", ""));
                } else if (line.startsWith("VmHWM:")) {
                    peak = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return rss < 0 || peak < 0 ? "-" : (rss / 1024) + "/" + (peak / 1024);
        } catch (IOException | RuntimeException e) {
            return "-";
        }
    }

    long postmasterPid() {
        return PgCeiling.postmasterPid(home);
    }

    String adminToken() throws IOException {
        return Files.readString(home.resolve("admin-token"), StandardCharsets.UTF_8).trim();
    }

    PgCeiling pg() throws IOException {
        return new PgCeiling(PgCeiling.urlOfHome(home), "postgres", "");
    }

    /** SIGTERM and wait (server.sh stop); idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (stopped) {
            return;
        }
        stopped = true;
        Process p = new ProcessBuilder(List.of("bash", script.toString(), "stop", home.toString(), Long.toString(pid)))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the server stops");
        }
    }
}
