import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Latency of control-plane calls against a running Eventbus: PUT rule (create, then replace) and
 * test-event-pattern. A closed loop of N clients, bounded request counts, loopback only; prints p50/p99/p999.
 *
 * <pre>java bench/ControlPlaneLatency.java http://127.0.0.1:8080 "$(cat .eventbus/admin-token)" [clients]</pre>
 */
public class ControlPlaneLatency {

    static final String RULE = """
            {"description": "bench", "eventPattern": {"source": ["shop.orders"], "detail-type": ["Order Placed"],
             "detail": {"total": [{"numeric": [">", 100]}], "country": [{"anything-but": ["XX"]}],
                        "sku": [{"prefix": "SKU-"}]}},
             "targets": [{"id": "hook", "type": "webhook", "webhook": {"url": "https://billing.example.com/hook"},
                          "retryPolicy": {"maximumRetryAttempts": 10, "maximumEventAgeInSeconds": 3600}},
                         {"id": "q", "type": "queue", "queue": {"name": "bench-q"}}]}""";
    static final String TEST = """
            {"eventPattern": {"source": ["shop.orders"], "detail": {"total": [{"numeric": [">", 100]}],
                              "sku": [{"wildcard": "SKU-*-X"}]}},
             "event": {"id": "1", "account": "000000000000", "region": "local", "time": "2026-11-26T10:00:00Z",
                       "source": "shop.orders", "detail-type": "Order Placed",
                       "detail": {"total": 120, "sku": "SKU-123-X", "lines": [1, 2, 3]}}}""";

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String token = args[1];
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        send(http, base, token, "POST", "/v1/buses", "{\"name\": \"bench\"}");
        send(http, base, token, "POST", "/v1/queues", "{\"name\": \"bench-q\"}");

        run("warm-up", http, base, token, clients, 500, i -> new Call("PUT", "/v1/buses/bench/rules/warm-" + (i % 50), RULE));
        run("warm-up", http, base, token, clients, 2_000, i -> new Call("POST", "/v1/test-event-pattern", TEST));

        report("PUT rule (create)", run("PUT rule (create)", http, base, token, clients, 1_000,
                i -> new Call("PUT", "/v1/buses/bench/rules/r-" + i, RULE)));
        report("PUT rule (replace)", run("PUT rule (replace)", http, base, token, clients, 2_000,
                i -> new Call("PUT", "/v1/buses/bench/rules/r-" + (i % 1_000), RULE)));
        report("test-event-pattern", run("test-event-pattern", http, base, token, clients, 10_000,
                i -> new Call("POST", "/v1/test-event-pattern", TEST)));
        send(http, base, token, "DELETE", "/v1/buses/bench?force=true", null);
    }

    record Call(String method, String path, String body) {
    }

    interface Calls {
        Call at(int i);
    }

    record Result(long[] nanos, long wallNanos, int clients) {
    }

    static Result run(String name, HttpClient http, URI base, String token, int clients, int total, Calls calls)
            throws Exception {
        long[] nanos = new long[total];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    Call call = calls.at(i);
                    long t0 = System.nanoTime();
                    int status = send(http, base, token, call.method(), call.path(), call.body());
                    nanos[i] = System.nanoTime() - t0;
                    if (status >= 300) {
                        throw new IllegalStateException(name + ": " + call.method() + " " + call.path() + " -> " + status);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return new Result(nanos, System.nanoTime() - start, clients);
    }

    static int send(HttpClient http, URI base, String token, String method, String path, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void report(String name, Result r) {
        long[] sorted = r.nanos().clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-20s n=%-6d clients=%d  %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  p999 %6.2f ms%n",
                name, sorted.length, r.clients(), sorted.length / (r.wallNanos() / 1e9), ms(sorted, 0.50),
                ms(sorted, 0.99), ms(sorted, 0.999));
    }

    static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
