package io.eventbus.data.queue;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.core.testing.TestDatabase;
import io.eventbus.core.testing.WithTestDatabase;
import io.eventbus.data.queue.QueueApi.Reply;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Receives that wait for messages: woken by sends, by other writers, by ends of visibility; bounded in number. */
@MicronautTest
class QueueLongPollTest implements WithTestDatabase {

    static final int MAX_LONG_POLLS = 3;
    /** Longer than the default, so that a wake-up by a send in this process is told apart from the probe's. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(1500);

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith(
                "eventbus.delivery.enabled", "false",
                "eventbus.queue.max-long-polls", Integer.toString(MAX_LONG_POLLS),
                "eventbus.queue.poll-interval", POLL_INTERVAL.toMillis() + "ms");
    }

    @Inject
    EmbeddedServer server;

    @Inject
    ReceiveMessages receive;

    private final TestDatabase db = TestDatabase.get();
    private QueueApi api;

    @BeforeEach
    void configure() {
        db.execute("INSERT INTO queue (name) VALUES ('jobs')");
        api = new QueueApi(URI.create(server.getURL().toString()),
                QueueApi.createKey("consumer", new String[]{}, new String[]{"jobs"}));
        await().atMost(Duration.ofSeconds(25)).until(() -> receive.waiting() == 0); // none left from another test
    }

    @Test
    void aWaitingReceiveGetsAMessageSentMeanwhileAtOnce() throws Exception {
        CompletableFuture<Reply> waiting = api.receiveAsync("jobs", "{\"waitTimeSeconds\": 5}");
        await().atMost(Duration.ofSeconds(5)).until(() -> receive.waiting() == 1);

        String id = CompletableFuture.supplyAsync(() -> api.sendText("jobs", "now")).get(5, TimeUnit.SECONDS);
        long sent = System.nanoTime();
        Reply reply = waiting.get(5, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - sent);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().path("messages").get(0).path("messageId").asText()).isEqualTo(id);
        assertThat(took).as("answered right after the send, not at the next probe").isLessThan(Duration.ofMillis(500));
    }

    @Test
    void aWaitingReceiveWithNothingToGetAnswersEmptyWhenItsTimeIsUp() throws Exception {
        long started = System.nanoTime();
        Reply reply = api.receive("jobs", "{\"waitTimeSeconds\": 1}");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("messages").size()).isZero();
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void aWaitingReceiveSeesMessagesThisProcessDidNotSend() throws Exception {
        CompletableFuture<Reply> waiting = api.receiveAsync("jobs", "{\"waitTimeSeconds\": 10}");
        await().atMost(Duration.ofSeconds(5)).until(() -> receive.waiting() == 1);

        long sent = System.nanoTime();
        db.execute("INSERT INTO queue_message (id, queue_id, body, expires_at) SELECT gen_random_uuid(), id,"
                + " 'from elsewhere', now() + interval '1 hour' FROM queue WHERE name = 'jobs'"); // as another process would
        Reply reply = waiting.get(10, TimeUnit.SECONDS);

        assertThat(reply.json().path("messages").get(0).path("body").asText()).isEqualTo("from elsewhere");
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("at the next probe")
                .isLessThan(POLL_INTERVAL.plusSeconds(1));
    }

    @Test
    void aWaitingReceiveGetsAMessageBackWhenItsVisibilityTimeoutEnds() throws Exception {
        String id = api.sendText("jobs", "retry me");
        api.messages("jobs", "{\"visibilityTimeoutSeconds\": 1}");

        List<JsonNode> again = api.messages("jobs", "{\"waitTimeSeconds\": 5}");

        assertThat(again).hasSize(1);
        assertThat(again.get(0).path("messageId").asText()).isEqualTo(id);
        assertThat(again.get(0).path("receiveCount").asInt()).isEqualTo(2);
    }

    @Test
    void atMostMaxLongPollsWaitAndEachGetsItsOwnMessage() throws Exception {
        List<CompletableFuture<Reply>> waiting = new ArrayList<>();
        for (int i = 0; i < MAX_LONG_POLLS; i++) {
            waiting.add(api.receiveAsync("jobs", "{\"waitTimeSeconds\": 10, \"maxMessages\": 1}"));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> receive.waiting() == MAX_LONG_POLLS);

        Reply refused = api.receive("jobs", "{\"waitTimeSeconds\": 1}");
        assertThat(refused.problemCode(503)).isEqualTo("Unavailable");
        assertThat(refused.json().path("detail").asText()).as("names what an operator sets")
                .contains("(EVENTBUS_QUEUE_MAX_LONG_POLLS)");
        assertThat(api.receive("jobs", "{}").status()).as("a receive that does not wait is fine").isEqualTo(200);

        for (int i = 0; i < MAX_LONG_POLLS; i++) {
            api.sendText("jobs", "m" + i);
        }
        Set<String> bodies = new HashSet<>();
        for (CompletableFuture<Reply> w : waiting) {
            JsonNode messages = w.get(5, TimeUnit.SECONDS).json().path("messages");
            assertThat(messages.size()).isEqualTo(1);
            bodies.add(messages.get(0).path("body").asText());
        }
        assertThat(bodies).containsExactlyInAnyOrder("m0", "m1", "m2");
        assertThat(receive.waiting()).isZero();
    }
}
