import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.eventbus.sdk.Admin;
import io.eventbus.sdk.Event;
import io.eventbus.sdk.EventPattern;
import io.eventbus.sdk.Eventbus;
import io.eventbus.sdk.Publisher;
import io.eventbus.sdk.PublisherOptions;
import io.eventbus.sdk.QueueConsumer;
import io.eventbus.sdk.QueueConsumerOptions;
import io.eventbus.sdk.QueueInfo;
import io.eventbus.sdk.Rule;
import io.eventbus.sdk.RuleRequest;
import io.eventbus.sdk.Target;
import io.eventbus.sdk.Webhook;
import io.eventbus.sdk.WebhookVerificationException;
import io.eventbus.sdk.WebhookVerifier;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a Java program does with only the SDK (and Jackson) on its class path: publishes N events through a
 * Publisher, consumes every one of them from the queue a rule sends them to with a QueueConsumer, and verifies a
 * signed webhook delivery with the WebhookVerifier. It counts what was lost and what came twice, prints one line per
 * step, and exits 0 only when nothing was lost, nothing was duplicated and the webhook verified.
 *
 * <pre>java -cp "sdk-java/target/classes:JACKSON_JARS" sdk-java/examples/RoundTrip.java ENDPOINT ADMIN_TOKEN [EVENTS]</pre>
 *
 * (RoundTripTest runs it so against the real server; see sdk-java/README.md.)
 */
public class RoundTrip {

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        String adminToken = args[1];
        int events = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        String run = "roundtrip-" + Long.toString(System.nanoTime(), 36);
        ObjectMapper json = new ObjectMapper();

        // Set-up as an operator would script it: a bus, a queue, a rule sending the bus' events to the queue, a key
        Admin admin = Eventbus.builder().endpoint(endpoint).adminToken(adminToken).build().admin();
        admin.buses().create(run);
        admin.queues().create(run);
        admin.rules(run).put("to-queue", RuleRequest.builder()
                .eventPattern(EventPattern.builder().equalTo("source", "roundtrip.orders").build())
                .target(Target.queue("queue", run)).build());
        String apiKey = admin.apiKeys().create(run, List.of(run), List.of(run)).secret();
        Eventbus eventbus = Eventbus.builder().endpoint(endpoint).apiKey(apiKey).build();
        awaitRulesInUse(endpoint, run, 1);

        // Publish
        long started = System.nanoTime();
        List<CompletableFuture<String>> ids = new ArrayList<>(events);
        try (Publisher publisher = eventbus.publisher(run, PublisherOptions.builder().maxInFlight(16).build())) {
            for (int seq = 0; seq < events; seq++) {
                ids.add(publisher.publish(Event.builder().source("roundtrip.orders").detailType("Order Placed")
                        .detail(Map.of("seq", seq)).build()));
            }
        }
        long distinctIds = ids.stream().map(CompletableFuture::join).distinct().count();
        double publishSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("published %,d events in %.1f s (%,.0f/s), %,d distinct ids%n", events, publishSeconds,
                events / publishSeconds, distinctIds);

        // Consume
        AtomicIntegerArray seen = new AtomicIntegerArray(events);
        AtomicLong handled = new AtomicLong();
        Map<String, Integer> strangers = new ConcurrentHashMap<>();
        started = System.nanoTime();
        QueueConsumer consumer = eventbus.queueConsumer(run, message -> {
            int seq = json.readTree(message.body()).path("detail").path("seq").asInt(-1);
            if (seq < 0 || seq >= events) {
                strangers.merge(message.messageId(), 1, Integer::sum);
            } else {
                seen.incrementAndGet(seq);
            }
            handled.incrementAndGet();
        }, QueueConsumerOptions.builder().concurrency(16).build());
        consumer.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (handled.get() < events && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(2_000);   // anything delivered twice would come now
        consumer.close();
        double consumeSeconds = (System.nanoTime() - started) / 1e9;
        int lost = 0;
        int duplicated = 0;
        for (int seq = 0; seq < events; seq++) {
            lost += seen.get(seq) == 0 ? 1 : 0;
            duplicated += Math.max(0, seen.get(seq) - 1);
        }
        QueueInfo left = admin.queues().get(run);
        System.out.printf("consumed %,d messages in %.1f s (%,.0f/s): %,d lost, %,d duplicated, %d unexpected;"
                        + " left on the queue: %d visible, %d in flight%n", handled.get(), consumeSeconds,
                handled.get() / consumeSeconds, lost, duplicated, strangers.size(), left.depth().visible(),
                left.depth().inFlight());

        // A signed webhook, verified
        boolean verified = verifyAWebhook(endpoint, admin, eventbus, run);
        System.out.println(verified ? "webhook: the delivery verified, a tampered copy did not"
                : "webhook: NOT verified as it should be");

        boolean ok = distinctIds == events && lost == 0 && duplicated == 0 && strangers.isEmpty()
                && left.depth().visible() == 0 && left.depth().inFlight() == 0 && verified;
        System.out.println(ok ? "OK: nothing lost, nothing duplicated" : "FAILED");
        System.exit(ok ? 0 : 1);
    }

    private static boolean verifyAWebhook(URI endpoint, Admin admin, Eventbus eventbus, String run) throws Exception {
        CompletableFuture<Map.Entry<String, Map<String, List<String>>>> delivery = new CompletableFuture<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(exchange.getRequestHeaders());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            delivery.complete(Map.entry(body, headers));
        });
        receiver.start();
        try {
            Rule rule = admin.rules(run).put("to-webhook", RuleRequest.builder()
                    .eventPattern(EventPattern.builder().equalTo("source", "roundtrip.payments").build())
                    .target(Target.webhook("hook", Webhook.to("http://127.0.0.1:" + receiver.getAddress().getPort()
                            + "/hook").generateSigningSecret().build())).build());
            String secret = rule.target("hook").webhook().signingSecret();
            awaitRulesInUse(endpoint, run, 2);
            eventbus.putEvents(run, List.of(Event.builder().source("roundtrip.payments").detailType("Payment")
                    .detail(Map.of("orderId", "o-1")).build()));
            Map.Entry<String, Map<String, List<String>>> received = delivery.get(30, TimeUnit.SECONDS);
            WebhookVerifier verifier = new WebhookVerifier(secret);
            verifier.verify(received.getKey(), received.getValue());
            try {
                verifier.verify(received.getKey().replace("o-1", "o-2"), received.getValue());
                return false;
            } catch (WebhookVerificationException expected) {
                return true;
            }
        } catch (WebhookVerificationException e) {
            System.out.println("webhook: " + e.getMessage());
            return false;
        } finally {
            receiver.stop(0);
        }
    }

    /** The data plane matches with a bus' rules a moment after they are saved: wait until it counts them all. */
    private static void awaitRulesInUse(URI endpoint, String bus, int rules) throws Exception {
        String line = "eventbus_match_rules{bus=\"" + bus + "\"} " + rules + ".0";
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String metrics = http.send(java.net.http.HttpRequest.newBuilder(endpoint.resolve("/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            if (metrics.contains(line)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the data plane did not report " + line + " within 30 s");
    }
}
