package io.eventbus.sdk;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * The real Eventbus, as users run it: {@code server/target/eventbus.jar} as a process with an embedded PostgreSQL
 * in a temporary home, on a free loopback port, started once per test JVM and stopped with it. Webhooks may reach
 * loopback (the tests' receivers). Tests set up what they need through the admin API with {@link #admin}, and
 * give their resources names of their own (the server is shared).
 */
final class RunningEventbus {

    static final String ADMIN_TOKEN = "sdk-tests-admin-token-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RunningEventbus instance;

    private final Process process;
    private final URI endpoint;
    private final Path home;
    private final Path log;

    private RunningEventbus(Process process, URI endpoint, Path home, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.home = home;
        this.log = log;
    }

    /** The one server of this JVM, started on first use. */
    static synchronized RunningEventbus get() {
        if (instance == null) {
            try {
                instance = start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start Eventbus: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while Eventbus started", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "eventbus-test-server-stop"));
        }
        return instance;
    }

    URI endpoint() {
        return endpoint;
    }

    /** A client with the admin token. */
    Eventbus asAdmin() {
        return Eventbus.builder().endpoint(endpoint).adminToken(ADMIN_TOKEN).build();
    }

    /** A client with a new API key that may put events on {@code buses} and use {@code queues} (JSON arrays). */
    Eventbus withNewApiKey(String name, String busesJson, String queuesJson) {
        String answer = admin("POST", "/v1/api-keys", "{\"name\": \"" + name + "\", \"buses\": " + busesJson
                + ", \"queues\": " + queuesJson + "}");
        String secret = Json.read("answer", answer).path("secret").asText();
        return Eventbus.builder().endpoint(endpoint).apiKey(secret).build();
    }

    /** An admin call that must succeed; its answer's body. */
    String admin(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static RunningEventbus start() throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("eventbus.jar", "../server/target/eventbus.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " does not exist: build the server first (./mvnw install)");
        }
        Path home = Files.createTempDirectory("eventbus-sdk-tests");
        Path log = home.resolve("server.log");
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("EVENTBUS_HOME", home.resolve("home").toString());
        builder.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        builder.environment().put("EVENTBUS_ADMIN_TOKEN", ADMIN_TOKEN);
        builder.environment().put("EVENTBUS_DELIVERY_ALLOW_PRIVATE_NETWORKS", "true");
        Process process = builder.start();
        RunningEventbus server = new RunningEventbus(process, URI.create("http://127.0.0.1:" + port), home, log);
        server.awaitHealthy();
        return server;
    }

    private void awaitHealthy() {
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Eventbus exited with " + process.exitValue() + ": "
                            + Files.readString(log));
                }
                return health().contains("\"status\":\"UP\"");
            });
        } catch (ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("Eventbus was not healthy within 90 s; its log: " + log, e);
        }
    }

    private String health() throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/health")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException notListeningYet) {
            return "";
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the OS cleans what is left
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
