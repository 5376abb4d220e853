package io.eventbus.bench.ingest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The process of this machine that listens on a TCP port (a broker), so that its CPU can be counted apart: the
 * socket's inode from /proc/net/tcp and tcp6, then the process whose descriptors hold it. Linux only, and only for
 * processes whose descriptors this user may read (root reads all); otherwise none.
 */
final class ListeningProcess {

    private static final String LISTEN = "0A";

    private ListeningProcess() {
    }

    /** The pid listening on port, when host is an address of this machine and the process can be found. */
    static Optional<Long> of(String host, int port) {
        try {
            InetAddress address = InetAddress.getByName(host);
            if (!address.isLoopbackAddress() && !address.isAnyLocalAddress()
                    && NetworkInterface.getByInetAddress(address) == null) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        Set<String> sockets = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            sockets.addAll(listening(Path.of(table), port));
        }
        return sockets.isEmpty() ? Optional.empty() : holder(sockets);
    }

    /** The inodes of the sockets listening on port in one table (fields: sl local remote st ... uid timeout inode). */
    private static Set<String> listening(Path table, int port) {
        Set<String> out = new HashSet<>();
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        try {
            for (String line : Files.readAllLines(table)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals(LISTEN)) {
                    out.add("socket:[" + f[9] + "]");
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return out;
    }

    private static Optional<Long> holder(Set<String> sockets) {
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(p.resolve("fd"))) {
                    for (Path fd : fds) {
                        if (sockets.contains(readLink(fd))) {
                            return Optional.of(Long.parseLong(p.getFileName().toString()));
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // gone, or not ours to read
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return Optional.empty();
    }

    private static String readLink(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
