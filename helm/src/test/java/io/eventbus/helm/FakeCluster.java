package io.eventbus.helm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of a Kubernetes API server, on 127.0.0.1, for Helm's {@code lookup} of Secrets: the discovery
 * document of {@code v1} and the Secrets a test puts here; everything else is 404. The chart reuses the
 * generated Secrets it finds on upgrade, so a test can play the cluster of an earlier install.
 *
 * <p>Helm reads the cluster from {@code KUBECONFIG}, which the build points at a file this class writes; helm-java
 * renders templates with a cluster connection when there is one. One instance per test JVM; thread-safe.
 */
final class FakeCluster {

    private static final Pattern SECRET = Pattern.compile("^/api/v1/namespaces/([^/]+)/secrets/([^/]+)$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeCluster instance;

    private final Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();

    private FakeCluster() {
    }

    /** Starts the fake API server and points {@code KUBECONFIG} at it, once per JVM. */
    static synchronized FakeCluster get() {
        if (instance == null) {
            FakeCluster cluster = new FakeCluster();
            cluster.start();
            instance = cluster;
        }
        return instance;
    }

    /** A Secret that exists in the cluster from now on: its data as plain text (stored base64, as the API does). */
    void putSecret(String namespace, String name, Map<String, String> data) {
        Map<String, String> encoded = new LinkedHashMap<>();
        data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        secrets.put(namespace + "/" + name, encoded);
    }

    /** An empty cluster again. */
    void clear() {
        secrets.clear();
    }

    private void start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::answer);
            server.setExecutor(null);
            server.start();
            writeKubeconfig(server.getAddress().getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake Kubernetes API server", e);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Matcher secret = SECRET.matcher(path);
        if (!"GET".equals(exchange.getRequestMethod())) {
            send(exchange, 405, status(405, "MethodNotAllowed"));
        } else if (path.equals("/api/v1")) {
            send(exchange, 200, Map.of("kind", "APIResourceList", "groupVersion", "v1", "resources", List.of(
                    Map.of("name", "secrets", "singularName", "secret", "namespaced", true, "kind", "Secret",
                            "verbs", List.of("get", "list")))));
        } else if (secret.matches() && secrets.containsKey(secret.group(1) + "/" + secret.group(2))) {
            send(exchange, 200, Map.of("apiVersion", "v1", "kind", "Secret", "type", "Opaque",
                    "metadata", Map.of("name", secret.group(2), "namespace", secret.group(1)),
                    "data", secrets.get(secret.group(1) + "/" + secret.group(2))));
        } else {
            send(exchange, 404, status(404, "NotFound"));
        }
    }

    private static Map<String, Object> status(int code, String reason) {
        return Map.of("kind", "Status", "apiVersion", "v1", "status", "Failure", "reason", reason, "code", code);
    }

    private static void send(HttpExchange exchange, int code, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void writeKubeconfig(int port) throws IOException {
        String location = System.getenv("KUBECONFIG");
        if (location == null || location.isBlank()) {
            throw new IllegalStateException("KUBECONFIG is not set; run the tests through Maven (helm/pom.xml sets it)");
        }
        Path file = Path.of(location);
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: fake
                    cluster:
                      server: http://127.0.0.1:%d
                contexts:
                  - name: fake
                    context:
                      cluster: fake
                current-context: fake
                users: []
                """.formatted(port));
    }
}
