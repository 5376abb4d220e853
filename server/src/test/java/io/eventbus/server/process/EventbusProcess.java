package io.eventbus.server.process;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The real fat jar ({@code server/target/eventbus.jar}) run as its own process, the way a user runs it.
 * Output goes to files in the test's directory.
 */
final class EventbusProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final int port;

    private EventbusProcess(Process process, Path stdout, Path stderr, int port) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.port = port;
    }

    /** Starts the jar with {@code env} on top of a clean environment (no DATASOURCES_* of the caller). */
    static EventbusProcess start(Path workDir, Map<String, String> env) throws IOException {
        int port = env.containsKey("MICRONAUT_SERVER_PORT")
                ? Integer.parseInt(env.get("MICRONAUT_SERVER_PORT")) : freePort();
        String name = "eventbus-" + System.nanoTime();
        Path out = workDir.resolve(name + ".out");
        Path err = workDir.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-jar", jar().toString())
                .directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(k -> k.startsWith("DATASOURCES_") || k.startsWith("EVENTBUS_")
                || k.startsWith("MICRONAUT_"));
        Map<String, String> merged = new HashMap<>(env);
        merged.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        environment.putAll(merged);
        return new EventbusProcess(builder.start(), out, err, port);
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("eventbus.jar", "target/eventbus.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " does not exist: these tests run after 'package' (mvnw verify)");
        }
        return jar;
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    int port() {
        return port;
    }

    /** Waits until {@code /health} answers UP, and returns how long that took since the process started. */
    Duration awaitHealthy() {
        long started = process.info().startInstant().map(i -> i.toEpochMilli()).orElse(System.currentTimeMillis());
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("Eventbus exited with " + process.exitValue() + ": " + stderr());
            }
            return healthBody().contains("\"status\":\"UP\"");
        });
        return Duration.ofMillis(System.currentTimeMillis() - started);
    }

    /** A GET of {@code path} with {@code headers} (name, value, name, value, ...). */
    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(5));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request with a JSON body ({@code null}: none) and {@code headers} (name, value, name, value, ...). */
    HttpResponse<String> send(String method, String path, String json, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String healthBody() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url("/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** SIGTERM, as Ctrl-C or Kubernetes would stop it; returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("Eventbus did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** Waits for the process to exit by itself and returns its exit code. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Eventbus did not exit by itself within 90 s");
        }
        return process.exitValue();
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    long pid() {
        return process.pid();
    }

    /** The postgres processes whose command line names {@code dataDir}. */
    static List<ProcessHandle> postgresServing(Path dataDir) {
        String dir = dataDir.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains(dir)).orElse(false))
                .toList();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Terminates the process if it still runs; an interrupt while waiting for it stays set on the thread. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                terminate();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
