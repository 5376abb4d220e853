package io.eventbus.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@link Archives} and {@link Replays} against the real server: a bus with two webhook rules to a receiver in this
 * test, an archive of part of its events, and a replay of a window into one of the rules. Names start with
 * sdk-archives.
 */
class ArchivesAndReplaysTest {

    /** A delivery: the path it came to ({@code /replayed} or {@code /other}) and the event. */
    record Received(String path, JsonNode event) {
    }

    static final String BUS = "sdk-archives";
    static final String SOURCE = "sdk.archives";
    static final ConcurrentLinkedQueue<Received> RECEIVED = new ConcurrentLinkedQueue<>();

    static RunningEventbus server;
    static Admin admin;
    static Eventbus producer;
    static HttpServer receiver;

    @BeforeAll
    static void aBusWithTwoRulesToAReceiver() throws IOException {
        server = RunningEventbus.get();
        admin = server.asAdmin().admin();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (String path : List.of("/replayed", "/other")) {
            receiver.createContext(path, exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                RECEIVED.add(new Received(path, Json.read("delivery", body)));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
        }
        receiver.start();
        admin.buses().create(BUS);
        rule("to-receiver", "/replayed");
        rule("other", "/other");
        MatchingRules.await(server, BUS, 2);
        String key = admin.apiKeys().create("sdk-archives-producer", List.of(BUS), List.of()).secret();
        producer = Eventbus.builder().endpoint(server.endpoint()).apiKey(key).build();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void anArchiveKeepsTheMatchingEventsAndAReplaySendsAWindowOfThemThroughOneRule() {
        ArchiveInfo created = admin.archives().create("sdk-archives-orders", BUS, "the orders",
                EventPattern.builder().equalTo("source", SOURCE).build(), 30);
        assertThat(created.bus()).isEqualTo(BUS);
        assertThat(created.eventPattern()).isEqualTo("{\"source\":[\"" + SOURCE + "\"]}");
        assertThat(created.retentionDays()).isEqualTo(30);
        assertThat(created.eventCount()).isZero();
        assertThat(created.oldestEventTime()).isNull();
        assertThat(created.etag()).isNotBlank();
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        long probes = awaitArchiving("sdk-archives-orders", base.minus(Duration.ofMinutes(10)));

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(put(SOURCE, base.plusSeconds(i), i));
        }
        put("sdk.archives.elsewhere", base.plusSeconds(5), 99);   // not the archive's pattern
        ArchiveInfo holding = admin.archives().get("sdk-archives-orders");
        assertThat(holding.eventCount()).isEqualTo(probes + 10);
        assertThat(holding.newestEventTime()).isEqualTo(base.plusSeconds(9));
        assertThat(holding.oldestEventTime()).isEqualTo(base.minus(Duration.ofMinutes(10)));
        assertThat(admin.archives().list(BUS)).extracting(ArchiveInfo::name).contains("sdk-archives-orders");
        assertThat(admin.archives().list()).extracting(ArchiveInfo::name).contains("sdk-archives-orders");

        ReplayInfo started = admin.replays().start(ReplayRequest.of("sdk-archives-window", "sdk-archives-orders",
                base.plusSeconds(3), base.plusSeconds(7)).withRules(List.of("to-receiver"))
                .withDescription("events 3 to 6").withRateLimitPerSecond(1000));
        assertThat(started.bus()).isEqualTo(BUS);
        assertThat(started.rules()).containsExactly("to-receiver");

        ReplayInfo done = admin.replays().awaitFinished("sdk-archives-window", Duration.ofSeconds(30));
        assertThat(done.state()).isEqualTo(ReplayState.COMPLETED);
        assertThat(done.state().isFinal()).isTrue();
        assertThat(done.eventsTotal()).isEqualTo(4L);
        assertThat(done.eventsReplayed()).isEqualTo(4);
        assertThat(done.deliveries()).isEqualTo(4);
        assertThat(done.replayEndTime()).isNotNull();
        await().atMost(Duration.ofSeconds(20)).until(() -> replayed().size() == 4);
        assertThat(replayed()).extracting(r -> r.event().path("id").asText())
                .containsExactlyInAnyOrderElementsOf(ids.subList(3, 7));
        assertThat(replayed()).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/replayed");
            assertThat(r.event().path("replay-name").asText()).isEqualTo("sdk-archives-window");
        });
        assertThat(admin.replays().list()).extracting(ReplayInfo::name).contains("sdk-archives-window");
        assertThat(admin.replays().list("sdk-archives-orders", ReplayState.COMPLETED)).extracting(ReplayInfo::name)
                .containsExactly("sdk-archives-window");
        assertThat(admin.replays().list("sdk-archives-orders", ReplayState.RUNNING)).isEmpty();

        assertThatThrownBy(() -> admin.replays().cancel("sdk-archives-window"))
                .isInstanceOfSatisfying(EventbusException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("Conflict");
                    assertThat(e.detail()).contains("COMPLETED");
                });
    }

    @Test
    void anArchiveIsUpdatedOnlyWithItsCurrentEtagAndDeleted() {
        ArchiveInfo created = admin.archives().create("sdk-archives-all", BUS);
        assertThat(created.eventPattern()).isNull();
        assertThat(created.retentionDays()).isZero();

        ArchiveInfo updated = admin.archives().update("sdk-archives-all", "big ones",
                EventPattern.builder().numeric("detail.n", ">=", 5).build(), 7, created.etag());
        assertThat(updated.description()).isEqualTo("big ones");
        assertThat(updated.eventPattern()).contains("numeric");
        assertThat(updated.retentionDays()).isEqualTo(7);
        assertThat(updated.etag()).isNotEqualTo(created.etag());
        assertThatThrownBy(() -> admin.archives().update("sdk-archives-all", null, null, null, created.etag()))
                .isInstanceOfSatisfying(EventbusException.class, e -> assertThat(e.status()).isEqualTo(412));

        admin.archives().delete("sdk-archives-all");
        assertThatThrownBy(() -> admin.archives().get("sdk-archives-all"))
                .isInstanceOfSatisfying(EventbusException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("NotFound");
                });
    }

    @Test
    void problemsAreTyped() {
        assertThatThrownBy(() -> admin.archives().get("sdk-archives-missing"))
                .isInstanceOfSatisfying(EventbusException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> admin.replays().start("sdk-archives-nothing", "sdk-archives-missing",
                Instant.now().minusSeconds(60), Instant.now()))
                .isInstanceOfSatisfying(EventbusException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> admin.archives().create("sdk-archives-nobus", "sdk-archives-missing-bus"))
                .isInstanceOfSatisfying(EventbusException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> admin.archives().create("sdk-archives-bad", BUS, null,
                EventPattern.of("{\"source\": \"not an array\"}"), null))
                .isInstanceOfSatisfying(EventbusException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("InvalidEventPattern");
                });
        assertThatThrownBy(() -> admin.replays().get("sdk-archives-missing"))
                .isInstanceOfSatisfying(EventbusException.class, e -> assertThat(e.code()).isEqualTo("NotFound"));
    }

    /**
     * Puts events at {@code time} (outside every window of the tests) until the archive holds one: an archive keeps
     * events once the data plane has rebuilt its bus, a moment after it was created. How many it holds then.
     */
    private static long awaitArchiving(String archive, Instant time) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            put(SOURCE, time, -1);
            return admin.archives().get(archive).eventCount() > 0;
        });
        return admin.archives().get(archive).eventCount();
    }

    private static String put(String source, Instant time, int n) {
        PutEventsResult result = producer.putEvents(BUS, List.of(Event.builder().source(source).detailType("Order")
                .time(time).detail(Map.of("n", n)).build()));
        assertThat(result.failedEntryCount()).isZero();
        return result.entries().get(0).eventId();
    }

    private static List<Received> replayed() {
        return RECEIVED.stream().filter(r -> r.event().hasNonNull("replay-name")).toList();
    }

    private static void rule(String name, String path) {
        admin.rules(BUS).put(name, RuleRequest.builder()
                .eventPattern(EventPattern.builder().equalTo("source", SOURCE).build())
                .target(Target.webhook("receiver", Webhook.to("http://127.0.0.1:" + receiver.getAddress().getPort()
                        + path).build()))
                .build());
    }
}
