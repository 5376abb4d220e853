package io.eventbus.sdk;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many entries per second a {@link Publisher} stores on a running Eventbus: the set-up of the ingest bench's
 * closed loop (bench/ingest: a bus with one rule that sends every event to a queue, 256-character padding per
 * event), producer threads that publish as fast as the publisher takes events (it blocks them when its buffer is
 * full), a warm-up, then the events stored per second over the measured window. Run by {@code sdk-java/bench.sh},
 * which starts the server; see docs/performance.md ("Java SDK publisher"). {@code --client put} and
 * {@code --client raw} measure closed loops of puts instead, to tell the publisher's cost from the put's and the HTTP
 * client's. Each run prints the CPU this JVM used over the measured window. Not a test.
 */
public final class PublisherBench {

    private PublisherBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = flags(args);
        URI url = URI.create(flags.get("url"));
        String adminToken = flags.get("admin-token");
        int seconds = Integer.parseInt(flags.getOrDefault("duration", "20"));
        int warmup = Integer.parseInt(flags.getOrDefault("warmup", "5"));
        int batch = Integer.parseInt(flags.getOrDefault("batch", "100"));
        int inFlight = Integer.parseInt(flags.getOrDefault("in-flight", "32"));
        int producers = Integer.parseInt(flags.getOrDefault("producers", "4"));
        int pad = Integer.parseInt(flags.getOrDefault("pad", "256"));
        String bus = flags.getOrDefault("bus", "pub-bench");

        String apiKey = setUp(url, adminToken, bus);
        String client = flags.getOrDefault("client", "publisher");
        if (!client.equals("publisher")) {
            closedLoops(client, url, apiKey, bus, batch, inFlight, pad, warmup, seconds);
            return;
        }
        Eventbus eventbus = Eventbus.builder().endpoint(url).apiKey(apiKey).build();
        PublisherOptions options = PublisherOptions.builder().maxBatchSize(batch).maxInFlight(inFlight)
                .bufferCapacity(Math.max(batch, 4 * batch * inFlight)).build();
        AtomicLong stored = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        // 128 events made beforehand and published in turn, as the ingest bench sends 128 bodies made beforehand:
        // what is measured is the SDK's work, not the making of events (the publisher gives each its own key)
        String padding = "x".repeat(pad);
        List<Event> prepared = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            prepared.add(Event.builder().source("bench.src").detailType("Bench")
                    .detail("{\"n\":" + ThreadLocalRandom.current().nextInt(1_000_000) + ",\"pad\":\"" + padding + "\"}")
                    .build());
        }
        List<Thread> threads = new ArrayList<>();
        try (Publisher publisher = eventbus.publisher(bus, options)) {
            for (int p = 0; p < producers; p++) {
                Thread thread = new Thread(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        publisher.publish(prepared.get(i & 127)).whenComplete((id, failure) ->
                                (failure == null ? stored : failed).incrementAndGet());
                    }
                }, "producer-" + p);
                thread.start();
                threads.add(thread);
            }
            Thread.sleep(Duration.ofSeconds(warmup).toMillis());
            long start = System.nanoTime();
            long storedAtStart = stored.get();
            long cpuAtStart = cpuNanos();
            Thread.sleep(Duration.ofSeconds(seconds).toMillis());
            long storedAtEnd = stored.get();
            double elapsed = (System.nanoTime() - start) / 1e9;
            double cpu = (cpuNanos() - cpuAtStart) / 1e9 / elapsed;
            stop.set(true);
            for (Thread thread : threads) {
                thread.join();
            }
            System.out.printf("publisher: batch %d, in flight %d, producers %d, %d s measured after %d s warm-up:"
                            + " %,.0f entries/s stored, %d failed; this client used %.0f %% of a core%n", batch,
                    inFlight, producers, seconds, warmup, (storedAtEnd - storedAtStart) / elapsed, failed.get(),
                    100 * cpu);
        }
        if (failed.get() > 0) {
            System.exit(1);
        }
    }

    /**
     * {@code inFlight} closed loops of puts of {@code batch} events, each with a key no other has: through the JDK
     * {@code HttpClient} with bodies written beforehand ({@code raw}), or through {@link Eventbus#putEventsAsync}
     * ({@code put}). They split the publisher's cost between the HTTP client, the SDK's put and the batching.
     */
    private static void closedLoops(String client, URI url, String apiKey, String bus, int batch, int inFlight,
                                    int pad, int warmup, int seconds) throws Exception {
        Eventbus eventbus = Eventbus.builder().endpoint(url).apiKey(apiKey).build();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String padding = "x".repeat(pad);
        String run = Long.toString(System.nanoTime(), 36);
        AtomicLong puts = new AtomicLong();
        AtomicLong stored = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<Event> prepared = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            prepared.add(Event.builder().source("bench.src").detailType("Bench")
                    .detail("{\"n\":" + i + ",\"pad\":\"" + padding + "\"}").build());
        }
        java.util.function.LongFunction<List<Event>> events = n -> {
            List<Event> list = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                list.add(prepared.get(i).withIdempotencyKey(run + "-" + n + "-" + i));
            }
            return list;
        };
        URI path = URI.create(url + "/v1/buses/" + bus + "/events");
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(inFlight);
        Runnable[] loops = new Runnable[inFlight];
        for (int l = 0; l < inFlight; l++) {
            int loop = l;
            loops[l] = () -> {
                if (stop.get()) {
                    done.countDown();
                    return;
                }
                List<Event> put = events.apply(puts.getAndIncrement());
                java.util.concurrent.CompletableFuture<Integer> answer;
                if (client.equals("raw")) {
                    byte[] body = PutEventsBody.of(put).bytes();
                    answer = http.sendAsync(HttpRequest.newBuilder(path).header("Authorization", "Bearer " + apiKey)
                                    .header("Content-Type", "application/json").header("Accept", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.ofByteArray())
                            .thenApply(r -> r.statusCode() == 200 ? batch : 0);
                } else {
                    answer = eventbus.putEventsAsync(bus, put).thenApply(r -> batch - r.failedEntryCount());
                }
                answer.whenComplete((ok, failure) -> {
                    stored.addAndGet(ok == null ? 0 : ok);
                    failed.addAndGet(ok == null ? batch : batch - ok);
                    loops[loop].run();
                });
            };
        }
        for (Runnable loop : loops) {
            loop.run();
        }
        Thread.sleep(Duration.ofSeconds(warmup).toMillis());
        long start = System.nanoTime();
        long storedAtStart = stored.get();
        long cpuAtStart = cpuNanos();
        Thread.sleep(Duration.ofSeconds(seconds).toMillis());
        long storedAtEnd = stored.get();
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = (cpuNanos() - cpuAtStart) / 1e9 / elapsed;
        stop.set(true);
        done.await();
        System.out.printf("%s: batch %d, in flight %d, %d s measured after %d s warm-up: %,.0f entries/s stored,"
                + " %d failed; this client used %.0f %% of a core%n", client, batch, inFlight, seconds, warmup,
                (storedAtEnd - storedAtStart) / elapsed, failed.get(), 100 * cpu);
    }

    /** This JVM's CPU time so far, in nanoseconds. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The ingest bench's set-up: queue, bus, rule r-0 (every bench event to the queue), API key; its secret. */
    private static String setUp(URI url, String adminToken, String bus) throws Exception {
        String queue = bus + "-q";
        admin(url, adminToken, "POST", "/v1/queues", "{\"name\":\"" + queue + "\"}");
        admin(url, adminToken, "POST", "/v1/buses", "{\"name\":\"" + bus + "\"}");
        admin(url, adminToken, "PUT", "/v1/buses/" + bus + "/rules/r-0", "{\"eventPattern\":{\"source\":"
                + "[\"bench.src\"],\"detail\":{\"n\":[{\"numeric\":[\">=\",0]}]}},\"targets\":[{\"id\":\"q\","
                + "\"type\":\"queue\",\"queue\":{\"name\":\"" + queue + "\"}}]}");
        String key = admin(url, adminToken, "POST", "/v1/api-keys", "{\"name\":\"" + bus + "-" + System.nanoTime()
                + "\",\"buses\":[\"" + bus + "\"],\"queues\":[]}");
        return Json.read("api key", key).path("secret").asText();
    }

    private static String admin(URI url, String token, String method, String path, String json) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve(path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300 && response.statusCode() != 409) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private static Map<String, String> flags(String[] args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            flags.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        for (String required : List.of("url", "admin-token")) {
            if (!flags.containsKey(required)) {
                throw new IllegalArgumentException("--" + required + " is required; flags: --url --admin-token"
                        + " [--duration 20] [--warmup 5] [--batch 100] [--in-flight 32] [--producers 4] [--pad 256]"
                        + " [--client publisher|put|raw]");
            }
        }
        return flags;
    }
}
