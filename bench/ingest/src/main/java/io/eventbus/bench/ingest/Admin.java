package io.eventbus.bench.ingest;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Set-up through the admin API: the bench bus, its queue, rules, archives and an API key; and reads of what the server
 * reports (a replay's progress). Fails loudly on errors.
 */
final class Admin {

    private static final Pattern SECRET = Pattern.compile("\"secret\"\\s*:\\s*\"([^\"]+)\"");

    private final URI base;
    private final String token;

    Admin(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** POST a resource; 201 is fine, and so is 409 (it exists: the tool may run twice against one server). */
    void create(String path, String body) throws IOException {
        try (Http1 http = new Http1(base)) {
            Http1.Response r = http.sendRetrying("POST", path, token, bytes(body));
            if (r.status() != 201 && r.status() != 200 && r.status() != 409) {
                throw new IOException("POST " + path + " answered " + r.status() + ": " + r.body());
            }
        }
    }

    /** PUT a resource (a rule); 200 and 201 are fine. */
    void put(String path, String body) throws IOException {
        try (Http1 http = new Http1(base)) {
            Http1.Response r = http.sendRetrying("PUT", path, token, bytes(body));
            if (r.status() != 201 && r.status() != 200) {
                throw new IOException("PUT " + path + " answered " + r.status() + ": " + r.body());
            }
        }
    }

    /** GET a resource: its body; anything but 200 is an error. */
    String get(String path) throws IOException {
        try (Http1 http = new Http1(base)) {
            Http1.Response r = http.sendRetrying("GET", path, token, null);
            if (r.status() != 200) {
                throw new IOException("GET " + path + " answered " + r.status() + ": " + r.body());
            }
            return r.body();
        }
    }

    /** Creates an API key for the bus and returns its secret (a fresh name when the given one exists). */
    String apiKey(String name, String bus) throws IOException {
        try (Http1 http = new Http1(base)) {
            String body = "{\"name\":\"" + name + "\",\"buses\":[\"" + bus + "\"]}";
            Http1.Response r = http.sendRetrying("POST", "/v1/api-keys", token, bytes(body));
            if (r.status() == 409) {
                String other = name + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
                r = http.sendRetrying("POST", "/v1/api-keys", token,
                        bytes("{\"name\":\"" + other + "\",\"buses\":[\"" + bus + "\"]}"));
            }
            Matcher m = SECRET.matcher(r.body());
            if (r.status() != 201 || !m.find()) {
                throw new IOException("POST /v1/api-keys answered " + r.status() + ": " + r.body());
            }
            return m.group(1);
        }
    }

    /**
     * The pattern of rule r-i. r-0 matches every bench event (detail.n is in [0, N_RANGE)); r-i for i >= 1 shares
     * the source and detail-type but wants detail.n in [N_RANGE + 10 i, N_RANGE + 10 i + 10), which no bench event
     * has. So each event matches exactly one rule and yields one delivery whatever the rule count, and the
     * matcher still has every rule's numeric range on the same field to get past.
     */
    static String rule(int i, String queue) {
        String pattern = i == 0
                ? "{\"source\":[\"" + IngestLoad.SOURCE + "\"],\"detail\":{\"n\":[{\"numeric\":[\">=\",0]}]}}"
                : "{\"source\":[\"" + IngestLoad.SOURCE + "\"],\"detail-type\":[\"" + IngestLoad.DETAIL_TYPE
                        + "\"],\"detail\":{\"n\":[{\"numeric\":[\">=\"," + (IngestLoad.N_RANGE + 10L * i)
                        + ",\"<\"," + (IngestLoad.N_RANGE + 10L * i + 10) + "]}]}}";
        return "{\"description\":\"ingest bench\",\"eventPattern\":" + pattern
                + ",\"targets\":[{\"id\":\"q\",\"type\":\"queue\",\"queue\":{\"name\":\"" + queue + "\"}}]}";
    }

    /** PUTs rules r-from .. r-(to-1) with {@code clients} concurrent connections; returns the seconds taken. */
    double putRules(String bus, String queue, int from, int to, int clients) throws IOException, InterruptedException {
        if (to <= from) {
            return 0;
        }
        AtomicInteger next = new AtomicInteger(from);
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> first = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(clients);
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                try (Http1 http = new Http1(base)) {
                    for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
                        try {
                            Http1.Response r = http.sendRetrying("PUT", "/v1/buses/" + bus + "/rules/r-" + i, token,
                                    bytes(rule(i, queue)));
                            if (r.status() != 201 && r.status() != 200) {
                                errors.incrementAndGet();
                                first.compareAndSet(null, "PUT rule r-" + i + ": " + r.status() + " " + r.body());
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                            first.compareAndSet(null, "PUT rule r-" + i + ": " + e);
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "rules-" + c);
            t.setDaemon(true);
            t.start();
        }
        done.await();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (errors.get() > 0) {
            throw new IOException(errors.get() + " of " + (to - from) + " rule PUTs failed; first: " + first.get());
        }
        return seconds;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
