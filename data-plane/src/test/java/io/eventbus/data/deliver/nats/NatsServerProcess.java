package io.eventbus.data.deliver.nats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StreamConfiguration;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A nats-server process of a test's own, with JetStream, on free ports of 127.0.0.1 (clients, monitoring) and a store
 * directory of its own, which a test stops and starts again (same port, same store) to make an outage; and what a
 * test reads back from it: the messages of a stream, its clients. Not thread-safe.
 */
final class NatsServerProcess {

    static final String MISSING = "nats-server is not installed: the NATS target tests need it"
            + " (apt-get install nats-server)";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path binary;
    private final Path dir;
    private final int port;
    private final int monitorPort;
    private final List<String> extraArguments;
    private final String[] admin;
    private Process process;

    private NatsServerProcess(Path binary, Path dir, int port, int monitorPort, List<String> extraArguments,
                              String[] admin) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
        this.monitorPort = monitorPort;
        this.extraArguments = extraArguments;
        this.admin = admin;
    }

    /** {@code /usr/sbin/nats-server}, else {@code nats-server} on the PATH. */
    static Optional<Path> binary() {
        List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/sbin/nats-server")));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                candidates.add(Path.of(d, "nats-server"));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** A server without logins. */
    static NatsServerProcess start(Path binary) throws IOException {
        return start(binary, null, null, null);
    }

    /**
     * A server with {@code configuration} (nats-server's format, e.g. users and permissions), whose streams the test
     * manages as {@code adminUser}.
     */
    static NatsServerProcess start(Path binary, String configuration, String adminUser, String adminPassword)
            throws IOException {
        Path dir = Files.createTempDirectory("eventbus-nats-test");
        List<String> extra = new ArrayList<>();
        if (configuration != null) {
            Path file = dir.resolve("server.conf");
            Files.writeString(file, configuration);
            extra.addAll(List.of("-c", file.toString()));
        }
        NatsServerProcess server = new NatsServerProcess(binary, dir, freePort(), freePort(), extra,
                adminUser == null ? null : new String[] {adminUser, adminPassword});
        server.start();
        return server;
    }

    /** Starts it (again): same port, same store. */
    void start() throws IOException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-a", "127.0.0.1", "-p",
                Integer.toString(port), "-m", Integer.toString(monitorPort), "-js", "-sd",
                dir.resolve("store").toString()));
        command.addAll(extraArguments);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile())).start();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> !process.isAlive() || accepts(port));
        if (!process.isAlive()) {
            throw new IllegalStateException("nats-server did not start: " + Files.readString(dir.resolve("server.log")));
        }
    }

    /** Stops it and waits until it is gone. */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Stops it for good and deletes its store. */
    void stopAndDelete() throws InterruptedException {
        stop();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** A connection of the test's own (as the admin of a server with logins). */
    Connection connect() throws IOException, InterruptedException {
        Options.Builder options = new Options.Builder().server(url()).connectionName("eventbus-test");
        if (admin != null) {
            options.userInfo(admin[0], admin[1]);
        }
        return Nats.connect(options.build());
    }

    /** A new, empty stream. */
    void stream(String name, String subjects) throws Exception {
        managing(jsm -> {
            try {
                jsm.deleteStream(name);
            } catch (JetStreamApiException e) {
                // there was none
            }
            return jsm.addStream(StreamConfiguration.builder().name(name).subjects(subjects).build());
        });
    }

    /** Every message of {@code stream}, by its {@code eventbus-event-id}; fails if an event is there twice. */
    Map<String, MessageInfo> messages(String stream) throws Exception {
        return managing(jsm -> {
            long last = jsm.getStreamInfo(stream).getStreamState().getLastSequence();
            Map<String, MessageInfo> byEvent = new HashMap<>();
            for (long seq = 1; seq <= last; seq++) {
                MessageInfo m = jsm.getMessage(stream, seq);
                assertThat(byEvent.put(m.getHeaders().getFirst("eventbus-event-id"), m)).as("each event once").isNull();
            }
            return byEvent;
        });
    }

    /** The client connections Eventbus' driver opened ({@code /connz}, with their users). */
    List<JsonNode> eventbusClients() throws Exception {
        HttpResponse<String> connz = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + monitorPort + "/connz?auth=1")).build(), HttpResponse.BodyHandlers.ofString());
        List<JsonNode> found = new ArrayList<>();
        JSON.readTree(connz.body()).path("connections").forEach(c -> {
            if (NatsConnections.CLIENT_NAME.equals(c.path("name").asText())) {
                found.add(c);
            }
        });
        return found;
    }

    private interface Management<T> {
        T with(JetStreamManagement jsm) throws Exception;
    }

    private <T> T managing(Management<T> call) throws Exception {
        Connection c = connect();
        try {
            return call.with(c.jetStreamManagement());
        } finally {
            c.close();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
