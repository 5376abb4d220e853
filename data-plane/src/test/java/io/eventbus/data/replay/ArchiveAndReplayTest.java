package io.eventbus.data.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.eventbus.core.testing.TestDatabase;
import io.eventbus.core.testing.WithTestDatabase;
import io.eventbus.data.ingest.AcceptEvents;
import io.eventbus.data.ingest.Entry;
import io.eventbus.data.ingest.ParsedEntry;
import io.eventbus.data.match.MatchRules;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Archives keep what their pattern matches, in the event's own transaction; a replay sends exactly the archived events
 * of its window again, to the chosen rules' targets (a real HTTP receiver), marked with {@code replay-name}, stored
 * again for the explorer but not archived again; a cancel stops it; a replay taken over from a process that stopped
 * renewing its lease resumes after the position that process stored.
 */
@MicronautTest
class ArchiveAndReplayTest implements WithTestDatabase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGES_IN_FLIGHT = 4;
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(6));

    @Inject
    AcceptEvents accept;

    @Inject
    MatchRules match;

    private final TestDatabase db = TestDatabase.get();
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private HttpServer receiver;

    /** One webhook arrival: which target path, the event id, the replay name ("" when live). */
    record Received(String path, String eventId, String replayName, int seq) {
    }

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith(
                "eventbus.delivery.allow-private-networks", "true",
                "eventbus.delivery.idle-poll", "100ms",
                "eventbus.replay.poll-interval", "100ms",
                "eventbus.replay.lease", "2s",
                "eventbus.replay.page-size", "7",
                "eventbus.replay.pages-in-flight", Integer.toString(PAGES_IN_FLIGHT));
    }

    @BeforeEach
    void start() throws Exception {
        received.clear();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (String path : List.of("/orders", "/other")) {
            receiver.createContext(path, exchange -> {
                JsonNode event = JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                received.add(new Received(path, event.path("id").asText(), event.path("replay-name").asText(),
                        event.path("detail").path("seq").asInt()));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
        }
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.start();
        rule("orders", "{\"source\": [\"shop\"]}");
        rule("other", "{\"source\": [\"shop\"]}");
        match.refresh("default");
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    @Test
    void anArchiveWithAPatternKeepsOnlyTheEventsItMatches() throws Exception {
        archive("kept", "{\"detail\": {\"kind\": [\"keep\"]}}");
        archive("everything", null);

        List<String> ids = put(entry(1, "keep", T0), entry(2, "drop", T0), entry(3, "keep", T0));

        assertThat(db.strings("SELECT id::text FROM archived_event WHERE archive_id = (SELECT id FROM archive"
                + " WHERE name = 'kept') ORDER BY id")).containsExactlyInAnyOrder(ids.get(0), ids.get(2));
        assertThat(db.strings("SELECT id::text FROM archived_event WHERE archive_id = (SELECT id FROM archive"
                + " WHERE name = 'everything')")).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(db.strings("SELECT envelope FROM archived_event WHERE id = CAST(? AS uuid) LIMIT 1", ids.get(0)))
                .singleElement().isEqualTo(db.strings("SELECT envelope FROM event WHERE id = CAST(? AS uuid)",
                        ids.get(0)).get(0));
    }

    @Test
    void eventsAreStillAcceptedWhenAnArchiveIsDeletedBeforeThisProcessHeardOfIt() throws Exception {
        archive("gone", null);
        String id = db.strings("SELECT id FROM archive WHERE name = 'gone'").get(0);
        db.execute("DELETE FROM archive WHERE id = " + id); // as the control plane deletes it, without telling us
        db.execute("DROP TABLE archived_event_" + id);

        List<String> ids = put(entry(1, "k", T0));

        assertThat(db.strings("SELECT count(*) FROM event WHERE id = CAST(? AS uuid)", ids.get(0))).containsExactly("1");
    }

    @Test
    void aReplayDeliversExactlyTheArchivedEventsOfItsWindowToTheChosenRulesTargets() throws Exception {
        archive("all", null);
        List<Entry> entries = new ArrayList<>();
        for (int seq = 0; seq < 30; seq++) {
            entries.add(entry(seq, "k", T0.plus(Duration.ofMinutes(seq)))); // one a minute
        }
        List<String> ids = put(entries.toArray(Entry[]::new));
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 60); // live: both rules
        received.clear();

        // minutes 10..24: start inclusive, end exclusive
        replay("gap", "all", T0.plus(Duration.ofMinutes(10)), T0.plus(Duration.ofMinutes(25)), List.of("orders"), null);

        await().atMost(Duration.ofSeconds(20)).until(() -> "COMPLETED".equals(state("gap")));
        // completed means stored; the deliveries arrive after, and no more than these
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 15);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> received.size() == 15);
        assertThat(received).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/orders");
            assertThat(r.replayName()).isEqualTo("gap");
        });
        assertThat(received).extracting(Received::eventId).containsExactlyInAnyOrderElementsOf(ids.subList(10, 25));
        assertThat(db.strings("SELECT events_total || '/' || events_replayed || '/' || deliveries FROM replay"))
                .containsExactly("15/15/15");
        assertThat(db.strings("SELECT count(*) FROM event WHERE replay_name = 'gap'")).containsExactly("15");
        assertThat(db.strings("SELECT count(*) FROM archived_event")).as("not archived again").containsExactly("30");
    }

    @Test
    void aReplayedDeliveryWhoseFirstAttemptFailsIsStoredForItsRetryAndDeliveredByIt() throws Exception {
        archive("all", null);
        // two events: four calls, fewer than the circuit breaker's minimum of five (three failures could open it)
        List<String> ids = put(entry(0, "k", T0), entry(1, "k", T0.plusSeconds(1)));
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 4);
        received.clear();
        Map<String, Integer> attempts = new ConcurrentHashMap<>();
        receiver.createContext("/flaky", exchange -> {
            JsonNode event = JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String id = event.path("id").asText();
            boolean first = attempts.merge(id, 1, Integer::sum) == 1;
            if (!first) {
                received.add(new Received("/flaky", id, event.path("replay-name").asText(), 0));
            }
            exchange.sendResponseHeaders(first ? 503 : 200, -1);
            exchange.close();
        });
        rule("flaky", "{\"source\": [\"shop\"]}");
        match.refresh("default");

        replay("retried", "all", T0, T0.plus(Duration.ofHours(1)), List.of("flaky"), null);

        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 2);
        assertThat(received).extracting(Received::eventId).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(received).extracting(Received::replayName).containsOnly("retried");
        assertThat(attempts).containsOnlyKeys(ids).allSatisfy((id, n) -> assertThat(n).isEqualTo(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> db.strings(
                "SELECT state || '/' || attempt FROM delivery WHERE rule_name = 'flaky'").equals(
                List.of("DELIVERED/2", "DELIVERED/2")));
        assertThat(db.strings("""
                SELECT string_agg(a.status::text, ',' ORDER BY a.attempt) FROM delivery d
                JOIN delivery_attempt a ON a.delivery_id = d.id WHERE d.rule_name = 'flaky' GROUP BY d.id
                """)).as("each attempt logged").containsExactly("503,200", "503,200");
    }

    @Test
    void aCancelStopsAReplay() throws Exception {
        archive("all", null);
        List<Entry> entries = new ArrayList<>();
        for (int seq = 0; seq < 40; seq++) {
            entries.add(entry(seq, "k", T0.plusSeconds(seq)));
        }
        put(entries.toArray(Entry[]::new));
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 80);
        received.clear();

        replay("slow", "all", T0, T0.plus(Duration.ofHours(1)), List.of("orders"), 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 4);
        db.execute("UPDATE replay SET state = 'CANCELLING' WHERE name = 'slow'");

        await().atMost(Duration.ofSeconds(10)).until(() -> "CANCELLED".equals(state("slow")));
        long stored = Long.parseLong(db.strings("SELECT deliveries FROM replay").get(0));
        assertThat(stored).isLessThan(40);
        // what was stored before the cancel is delivered, and at most the pages under way when it came (a page is
        // stored after its deliveries' first attempts; at 4 events/s a page holds one event); then nothing more comes,
        // for longer than two more pages would take
        Thread.sleep(500);
        int arrived = received.size();
        assertThat(arrived).isBetween((int) stored, (int) stored + PAGES_IN_FLIGHT);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> received.size() == arrived);
        assertThat(db.strings("SELECT finished_at IS NOT NULL FROM replay")).containsExactly("t");
    }

    @Test
    void aReplayWhoseProcessStoppedRenewingItsLeaseResumesAfterItsStoredPosition() throws Exception {
        archive("all", null);
        List<Entry> entries = new ArrayList<>();
        for (int seq = 0; seq < 20; seq++) {
            entries.add(entry(seq, "k", T0.plusSeconds(seq)));
        }
        List<String> ids = put(entries.toArray(Entry[]::new));
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 40);
        received.clear();

        // as a process that stored pages up to event 7 and then died would have left it
        db.execute("""
                INSERT INTO replay (name, archive_id, archive_name, bus_id, event_start_time, event_end_time, state,
                                    events_total, events_replayed, deliveries, position_time, position_id, leased_by,
                                    lease_expires_at, started_at)
                SELECT 'resumed', a.id, a.name, a.bus_id, ?, ?, 'RUNNING', 20, 8, 16,
                       (SELECT event_time FROM archived_event WHERE id = CAST(? AS uuid)), CAST(? AS uuid),
                       'a-process-that-died', now() - interval '1 second', now()
                FROM archive a
                """, utc(T0), utc(T0.plus(Duration.ofHours(1))), ids.get(7), ids.get(7));

        await().atMost(Duration.ofSeconds(20)).until(() -> "COMPLETED".equals(state("resumed")));
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 24);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> received.size() == 24);
        assertThat(received).extracting(Received::eventId).hasSize(24)
                .containsExactlyInAnyOrderElementsOf(twice(ids.subList(8, 20)));
        assertThat(db.strings("SELECT events_replayed || '/' || deliveries FROM replay")).containsExactly("20/40");
    }

    private static List<String> twice(List<String> ids) {
        List<String> both = new ArrayList<>(ids);
        both.addAll(ids);
        return both;
    }

    private void rule(String name, String pattern) {
        db.execute("INSERT INTO rule (bus_id, name, event_pattern) SELECT id, ?, CAST(? AS jsonb) FROM bus"
                + " WHERE name = 'default'", name, pattern);
        db.execute("""
                INSERT INTO target (rule_id, target_id, position, type, config)
                SELECT r.id, 'hook', 0, 'webhook', CAST(? AS jsonb) FROM rule r WHERE r.name = ?
                """, "{\"url\": \"http://127.0.0.1:" + receiver.getAddress().getPort() + "/" + name + "\","
                + " \"method\": \"POST\", \"timeoutMillis\": 2000}", name);
    }

    private void archive(String name, String pattern) {
        db.execute("INSERT INTO archive (name, bus_id, event_pattern) SELECT ?, id, CAST(? AS jsonb) FROM bus"
                + " WHERE name = 'default'", name, pattern);
        db.execute("SELECT eventbus_ensure_archive_partitions(id, 7) FROM archive WHERE name = ?", name);
        match.refresh("default");
    }

    private void replay(String name, String archive, Instant start, Instant end, List<String> rules, Integer rate) {
        db.execute("""
                INSERT INTO replay (name, archive_id, archive_name, bus_id, event_start_time, event_end_time, rules,
                                    rate_limit_per_second)
                SELECT ?, a.id, a.name, a.bus_id, ?, ?, CAST(? AS text[]), ? FROM archive a WHERE a.name = ?
                """, name, utc(start), utc(end), "{" + String.join(",", rules) + "}", rate, archive);
    }

    private String state(String replay) {
        return db.strings("SELECT state FROM replay WHERE name = ?", replay).get(0);
    }

    private List<String> put(Entry... entries) throws Exception {
        List<ParsedEntry> parsed = new ArrayList<>();
        for (Entry e : entries) {
            parsed.add(ParsedEntry.ok(e));
        }
        return accept.accept("default", parsed).get().entries().stream().map(r -> r.eventId().toString()).toList();
    }

    private static Entry entry(int seq, String kind, Instant time) {
        return new Entry("shop", "Order Placed", "{\"seq\":" + seq + ",\"kind\":\"" + kind + "\"}", List.of(), time,
                null);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
