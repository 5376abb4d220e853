package io.eventbus.sdk;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13's "done when": {@code examples/RoundTrip.java} run as its own program with only the SDK and its Jackson
 * jars on the class path, against the real server: it publishes, consumes and verifies, and exits 0 only when
 * nothing was lost or duplicated. {@value #DEFAULT_EVENTS} events here; {@code -Droundtrip.events=100000} for the
 * full run (docs/performance.md).
 */
class RoundTripTest {

    private static final int DEFAULT_EVENTS = 2_000;
    private static final List<String> RUNTIME_JARS = List.of("jackson-databind-", "jackson-core-",
            "jackson-annotations-", "jackson-datatype-jsr310-");

    @Test
    void aProgramWithOnlyTheSdkPublishesConsumesAndVerifiesLosingAndDuplicatingNothing() throws Exception {
        RunningEventbus server = RunningEventbus.get();
        int events = Integer.getInteger("roundtrip.events", DEFAULT_EVENTS);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", sdkClassPath(), "examples/RoundTrip.java", server.endpoint().toString(),
                RunningEventbus.ADMIN_TOKEN, Integer.toString(events)));
        Process program = new ProcessBuilder(command).redirectErrorStream(true).start();

        boolean exited = program.waitFor(15, TimeUnit.MINUTES);
        String output = new String(program.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.print(output);

        assertThat(exited).as("the program ended within 15 minutes").isTrue();
        assertThat(program.exitValue()).as(output).isZero();
        assertThat(output).contains("published " + String.format("%,d", events) + " events")
                .contains(": 0 lost, 0 duplicated, 0 unexpected").contains("webhook: the delivery verified")
                .contains("OK: nothing lost, nothing duplicated");
    }

    /** The SDK's classes and the jars it needs at run time: nothing of the server, of Micronaut or of the tests. */
    private static String sdkClassPath() {
        List<String> path = new ArrayList<>(List.of(Path.of("target", "classes").toAbsolutePath().toString()));
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> RUNTIME_JARS.stream().anyMatch(jar -> Path.of(entry).getFileName().toString().startsWith(jar)))
                .forEach(path::add);
        assertThat(path).as("the SDK's classes and Jackson's four jars").hasSize(1 + RUNTIME_JARS.size());
        return String.join(File.pathSeparator, path);
    }
}
