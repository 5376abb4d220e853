package io.eventbus.data.deliver;

import org.junit.jupiter.api.Assumptions;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Whether the broker a target test needs is here. A test whose broker is absent is skipped with a message that says
 * how to get it, unless {@code EVENTBUS_REQUIRE_BROKERS} names it (CI sets it for the brokers the machine has
 * installed): then its absence fails the test, so that a broken install is not mistaken for a pass.
 */
public final class Brokers {

    private Brokers() {
    }

    /** Skips (or fails, when required) unless something listens on 127.0.0.1:{@code port}. */
    public static void assumeListening(String broker, int port, String howToStart) {
        assume(broker, listening(port), broker + " is not running on 127.0.0.1:" + port + ": the " + broker
                + " target tests need it (" + howToStart + ")");
    }

    /** The broker's program, e.g. {@code nats-server} on the PATH or in /usr/sbin; skips (or fails) without it. */
    public static Path assumeInstalled(String broker, String program, String howToInstall) {
        Optional<Path> found = Arrays.stream((System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/bin")
                        .split(":")).filter(d -> !d.isBlank()).map(d -> Path.of(d, program))
                .filter(Files::isExecutable).findFirst();
        assume(broker, found.isPresent(), program + " is not installed: the " + broker + " target tests need it ("
                + howToInstall + ")");
        return found.orElseThrow();
    }

    private static void assume(String broker, boolean present, String message) {
        String required = System.getenv().getOrDefault("EVENTBUS_REQUIRE_BROKERS", "");
        if (!present && Arrays.asList(required.split(",")).contains(broker)) {
            throw new AssertionError(message + "; EVENTBUS_REQUIRE_BROKERS says it must be here");
        }
        Assumptions.assumeTrue(present, message);
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
