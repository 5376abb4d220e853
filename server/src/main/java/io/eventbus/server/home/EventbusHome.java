package io.eventbus.server.home;

import io.eventbus.core.startup.StartupFailure;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * The directory an Eventbus process keeps its state in ({@code $EVENTBUS_HOME}): the embedded database, the
 * generated admin token, PostgreSQL's log. A marker file tells an Eventbus home from any other directory, so
 * a mistyped path never gets written into (let alone wiped). While a process runs it holds an exclusive lock
 * on the home, so two processes never share one embedded database.
 *
 * <p>Not thread-safe; the launcher opens one at start and closes it at exit.
 */
public final class EventbusHome implements AutoCloseable {

    static final String MARKER = "eventbus-home";
    private static final String MARKER_CONTENT = "Eventbus home, layout 1\n";
    private static final String LOCK = "eventbus.lock";

    private final Path dir;
    private FileChannel lockChannel;
    private FileLock lock;

    private EventbusHome(Path dir) {
        this.dir = dir;
    }

    /**
     * Opens (creating it if absent or empty) the home at {@code dir}.
     *
     * @throws StartupFailure if the directory belongs to something else, cannot be written, or is in use
     */
    public static EventbusHome open(Path dir) {
        EventbusHome home = new EventbusHome(dir);
        home.claim();
        return home;
    }

    public Path dir() {
        return dir;
    }

    /** The embedded PostgreSQL data directory. */
    public Path databaseDir() {
        return dir.resolve("postgres");
    }

    /** Where the embedded PostgreSQL writes its own log. */
    public Path databaseLog() {
        return dir.resolve("postgres.log");
    }

    private void claim() {
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new StartupFailure("EVENTBUS_HOME " + dir + " is a file, not a directory");
            }
            Path marker = dir.resolve(MARKER);
            if (!Files.exists(marker)) {
                if (!isEmptyOrAbsent(dir)) {
                    throw new StartupFailure("EVENTBUS_HOME " + dir + " is not empty and is not an Eventbus home"
                            + " (no " + MARKER + " file); point EVENTBUS_HOME at an empty or new directory");
                }
                Files.createDirectories(dir);
                Files.writeString(marker, MARKER_CONTENT, StandardCharsets.UTF_8);
            }
            lock();
        } catch (IOException e) {
            throw new StartupFailure("cannot use EVENTBUS_HOME " + dir + ": " + e, e);
        }
    }

    private void lock() throws IOException {
        lockChannel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new StartupFailure("another Eventbus process is running with EVENTBUS_HOME " + dir
                    + "; stop it or choose another EVENTBUS_HOME");
        }
    }

    private static boolean isEmptyOrAbsent(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }
}
