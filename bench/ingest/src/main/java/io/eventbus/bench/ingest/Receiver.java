package io.eventbus.bench.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Webhook receivers in the bench JVM: one JDK {@link HttpServer} (HTTP/1.1, keep-alive) per port on 127.0.0.1,
 * each answering on its own dispatcher thread (or, when asked, all sharing one small fixed executor), every request
 * 200 with an empty body. Each arrival goes to
 * the current {@link Arrivals} (which finds the bench's sequence number in the body), together with the receiver's
 * index, unless that receiver has {@link Arrivals} of its own ({@link #track(int, Arrivals)}). It also notes what the server's client does on the wire: the protocol of each request, how many carried
 * an {@code Upgrade: h2c} attempt, and how many TCP connections it used.
 */
final class Receiver implements Closeable {

    private static final String THREAD = "bench-receiver";

    private final List<HttpServer> servers = new ArrayList<>();
    private final ExecutorService executor;
    private final AtomicReference<Arrivals> current = new AtomicReference<>();
    private final AtomicReferenceArray<Arrivals> own;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong upgrades = new AtomicLong();
    private final Map<String, AtomicLong> protocols = new ConcurrentHashMap<>();
    private final Set<InetSocketAddress> connections = ConcurrentHashMap.newKeySet();
    private final AtomicReference<String> firstHeaders = new AtomicReference<>();

    /**
     * {@code count} listeners on free ports, {@code threads} handler threads for all of them; with 0, each listener
     * answers on its own dispatcher thread (no hand-over per request: the cheapest on a small machine).
     */
    Receiver(int count, int threads) throws IOException {
        // the JDK server leaves Nagle on unless told (the answers are one small write each, but be sure), and it
        // closes idle connections beyond 200: the server may hold up to max-in-flight (256) connections open
        System.setProperty("sun.net.httpserver.nodelay", "true");
        System.setProperty("sun.net.httpserver.maxIdleConnections", "4096");
        AtomicInteger n = new AtomicInteger();
        executor = threads == 0 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, THREAD + "-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < count; i++) {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
            final int index = i;
            server.createContext("/", exchange -> handle(index, exchange));
            server.setExecutor(executor == null ? Runnable::run : executor);
            server.start();
            servers.add(server);
        }
        own = new AtomicReferenceArray<>(count);
    }

    int count() {
        return servers.size();
    }

    /** The webhook URL of receiver i. */
    String url(int i) {
        return "http://127.0.0.1:" + servers.get(i).getAddress().getPort() + "/hook/" + i;
    }

    /** From now on arrivals count there (null: only the wire statistics). */
    void track(Arrivals arrivals) {
        current.set(arrivals);
    }

    /**
     * From now on arrivals at receiver {@code index} count in {@code arrivals} as its receiver 0 (one target), not in
     * the current ones: two scenarios' events at two ports at once. null: back to the current ones.
     */
    void track(int index, Arrivals arrivals) {
        own.set(index, arrivals);
    }

    long requests() {
        return requests.get();
    }

    private void handle(int index, HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        long now = System.nanoTime();
        if (requests.getAndIncrement() == 0) {
            firstHeaders.set(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getProtocol() + " " + new TreeMap<>(exchange.getRequestHeaders()));
        }
        protocols.computeIfAbsent(exchange.getProtocol(), p -> new AtomicLong()).incrementAndGet();
        if (exchange.getRequestHeaders().containsKey("Upgrade")) {
            upgrades.incrementAndGet();
        }
        connections.add(exchange.getRemoteAddress());
        Arrivals mine = own.get(index);
        Arrivals arrivals = current.get();
        if (mine != null) {
            mine.arrived(0, body, now);
        } else if (arrivals != null) {
            arrivals.arrived(index, body, now);
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    /** What the wire looked like so far. */
    String wire() {
        return String.format("%,d requests at the receivers, protocols %s, %,d with an Upgrade header (h2c attempt),"
                + " %,d TCP connections; first request: %s", requests.get(), new TreeMap<>(protocols), upgrades.get(),
                connections.size(), firstHeaders.get());
    }

    /** CPU time of the receiver threads (the shared handler pool and each server's dispatcher), in nanoseconds. */
    static long cpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith(THREAD)
                    || info.getThreadName().startsWith("HTTP-Dispatcher"))) {
                long t = mx.getThreadCpuTime(info.getThreadId());
                total += Math.max(0, t);
            }
        }
        return total;
    }

    @Override
    public void close() {
        for (HttpServer s : servers) {
            s.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
