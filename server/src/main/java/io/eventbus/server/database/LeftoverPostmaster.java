package io.eventbus.server.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Clears what a killed Eventbus leaves in its data directory. After {@code kill -9} of the JVM the embedded
 * postgres keeps running and holds {@code postmaster.pid}; a new start would fail on the lock file. This
 * stops that postgres (fast shutdown, then kill) when the PID file names a live postgres serving this very
 * directory, and removes a PID file whose process is gone or is something else.
 *
 * <p>Only called while the launcher holds the home's lock, so no live Eventbus owns that postgres.
 */
final class LeftoverPostmaster {

    private static final Logger LOG = LoggerFactory.getLogger(LeftoverPostmaster.class);
    private static final Duration FAST_SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private LeftoverPostmaster() {
    }

    static void clear(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        Optional<ProcessHandle> process = lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0))
                .flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (process.isPresent() && servesDirectory(process.get(), dataDir, lines)) {
            LOG.warn("a postgres left by an earlier Eventbus process is still running (pid {}); stopping it",
                    process.get().pid());
            stop(process.get());
        }
        // postgres itself removes the file on a clean stop; anything left is stale.
        Files.deleteIfExists(pidFile);
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean servesDirectory(ProcessHandle process, Path dataDir, List<String> pidFileLines) {
        boolean isPostgres = process.info().command().map(c -> c.endsWith("/postgres")).orElse(false);
        boolean sameDir = pidFileLines.size() > 1 && Path.of(pidFileLines.get(1).trim()).equals(dataDir);
        return isPostgres && sameDir;
    }

    private static void stop(ProcessHandle postmaster) throws IOException {
        signal(postmaster, "INT"); // fast shutdown: roll back open transactions, checkpoint, exit
        try {
            postmaster.onExit().get(FAST_SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("postgres (pid {}) did not stop within {}; killing it", postmaster.pid(), FAST_SHUTDOWN_WAIT);
            postmaster.destroyForcibly();
            postmaster.onExit().join();
        }
    }

    private static void signal(ProcessHandle process, String signal) throws IOException {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signalling postgres", e);
        }
    }
}
