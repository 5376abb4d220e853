package io.eventbus.data.queue;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.core.testing.TestDatabase;
import io.eventbus.core.testing.WithTestDatabase;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Concurrent receivers never get the same message: the claim skips what another receive has locked. */
@MicronautTest
class QueueConcurrencyTest implements WithTestDatabase {

    static final int MESSAGES = 500;
    static final int RECEIVERS = 4;

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith("eventbus.delivery.enabled", "false");
    }

    @Inject
    EmbeddedServer server;

    @Test
    void everyMessageIsReceivedExactlyOnce() throws Exception {
        TestDatabase.get().execute("INSERT INTO queue (name) VALUES ('jobs')");
        QueueApi api = new QueueApi(URI.create(server.getURL().toString()),
                QueueApi.createKey("consumer", new String[]{}, new String[]{"jobs"}));
        for (int i = 0; i < MESSAGES; i++) {
            api.sendText("jobs", "m" + i);
        }

        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        ExecutorService receivers = Executors.newFixedThreadPool(RECEIVERS);
        List<Future<?>> done = new ArrayList<>();
        for (int r = 0; r < RECEIVERS; r++) {
            done.add(receivers.submit(() -> {
                List<JsonNode> batch;
                while (!(batch = api.messages("jobs", "{\"maxMessages\": 10, \"visibilityTimeoutSeconds\": 300}")).isEmpty()) {
                    for (JsonNode m : batch) {
                        seen.computeIfAbsent(m.path("body").asText(), k -> new AtomicInteger()).incrementAndGet();
                        assertThat(api.delete("jobs", m.path("receiptHandle").asText()).status()).isEqualTo(204);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        receivers.shutdown();

        assertThat(seen).hasSize(MESSAGES);
        assertThat(seen.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(TestDatabase.get().strings("SELECT count(*) FROM queue_message")).containsExactly("0");
    }
}
