package io.eventbus.server.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A normal run prints no warning and no error: the jar started as the README starts it, then what a newcomer
 * does in the first hour (a bus, a queue, a rule saved and changed, events put and delivered, the console signed
 * into and out of), then Ctrl-C. A WARN or ERROR line in such a run is either a defect or noise that teaches
 * operators to ignore the log. The periodic tasks run every few milliseconds here, so that one falls due while
 * the process stops, as it does now and then in a real stop (it used to log an ERROR).
 */
class QuietRunIT {

    private static final String ADMIN_TOKEN = "a-quiet-admin-token-0123456789";
    private static final String[] ADMIN = {"Authorization", "Bearer " + ADMIN_TOKEN};

    @TempDir
    Path work;

    @Test
    void aNewcomersFirstHourLogsNoWarningAndNoError() throws Exception {
        try (EventbusProcess eventbus = EventbusProcess.start(work, Map.of(
                "EVENTBUS_HOME", work.resolve("home").toString(), "EVENTBUS_ADMIN_TOKEN", ADMIN_TOKEN,
                "EVENTBUS_SCHEMAS_DISCOVERY_RECORD_INTERVAL", "5ms", "EVENTBUS_MATCH_RESYNC_INTERVAL", "5ms"))) {
            eventbus.awaitHealthy();

            expect(eventbus.send("POST", "/v1/buses", "{\"name\": \"orders\"}", ADMIN), 201);
            expect(eventbus.send("POST", "/v1/queues", "{\"name\": \"big-orders\"}", ADMIN), 201);
            String rule = "{\"eventPattern\": {\"source\": [\"shop.orders\"]}, \"targets\": [{\"id\": \"q\","
                    + " \"type\": \"queue\", \"queue\": {\"name\": \"big-orders\"}}]}";
            expect(eventbus.send("PUT", "/v1/buses/orders/rules/big-orders", rule, ADMIN), 201);
            String changed = rule.replace("shop.orders\"]", "shop.orders\", \"shop.returns\"]");
            expect(eventbus.send("PUT", "/v1/buses/orders/rules/big-orders", changed, ADMIN), 200);
            awaitRuleCompiled(eventbus);

            String events = "{\"entries\": [{\"source\": \"shop.orders\", \"detailType\": \"Order Placed\","
                    + " \"detail\": {\"total\": 120}}]}";
            expect(eventbus.send("POST", "/v1/buses/orders/events", events, ADMIN), 200);
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> eventbus.send("GET",
                    "/v1/queues/big-orders/messages:peek", null, ADMIN).body().contains("\"total\\\":120"));

            HttpResponse<String> signIn = eventbus.send("POST", "/v1/session",
                    "{\"token\": \"" + ADMIN_TOKEN + "\"}");
            expect(signIn, 204);
            String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
            expect(eventbus.send("GET", "/v1/buses", null, "Cookie", cookie), 200);
            expect(eventbus.send("DELETE", "/v1/session", null, "Cookie", cookie), 204);
            expect(eventbus.send("GET", "/", null), 200);

            assertThat(eventbus.terminate()).isIn(0, 143);
            assertThat(warningsAndErrors(eventbus.stdout() + "\n" + eventbus.stderr()))
                    .as("WARN and ERROR lines of a normal run").isEmpty();
        }
    }

    /** The data plane has compiled the changed rule (the metric the browser tests wait for too). */
    private static void awaitRuleCompiled(EventbusProcess eventbus) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                eventbus.get("/metrics").body().contains("eventbus_match_rules{bus=\"orders\"} 1.0"));
    }

    private static void expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as("%s %s: %s", response.request().method(), response.request().uri(),
                response.body()).isEqualTo(status);
    }

    private static List<String> warningsAndErrors(String output) {
        return Arrays.stream(output.split("\n"))
                .filter(line -> line.contains(" WARN ") || line.contains(" ERROR ") || line.contains("Exception"))
                .toList();
    }
}
