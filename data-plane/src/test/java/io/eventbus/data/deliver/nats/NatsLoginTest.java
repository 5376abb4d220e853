package io.eventbus.data.deliver.nats;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.core.secret.Secrets;
import io.eventbus.core.testing.WithTestDatabase;
import io.eventbus.data.deliver.Brokers;
import io.eventbus.data.ingest.AcceptEvents;
import io.eventbus.data.match.MatchRules;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * NATS targets that log in with a BASIC connection, at a nats-server process of the test's own whose users may
 * publish to {@code orders.>} only. Streams: {@code ORDERS} ({@code orders.>}) and {@code DENIED} ({@code denied.>}).
 */
@MicronautTest
class NatsLoginTest implements WithTestDatabase {

    private static final String PASSWORD = "pa55:word";
    private static final String USERS = """
            authorization {
              users = [
                { user: admin, password: "admin-pw" }
                { user: eventbus, password: "pa55:word", permissions: {
                    publish: { allow: ["orders.>", "$JS.API.STREAM.NAMES"] }, subscribe: { allow: ["_INBOX.>"] } } }
                { user: billing, password: "other-pw", permissions: {
                    publish: { allow: ["orders.>"] }, subscribe: { allow: ["_INBOX.>"] } } }
              ]
            }
            """;

    @Inject
    AcceptEvents accept;

    @Inject
    MatchRules match;

    @Inject
    Secrets secrets;

    private NatsServerProcess nats;
    private NatsDeliveries eventbus;

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith("eventbus.delivery.idle-poll", "100ms");
    }

    @BeforeAll
    void startServer() throws IOException {
        Path binary = Brokers.assumeInstalled("nats", "nats-server", "apt-get install nats-server");
        nats = NatsServerProcess.start(binary, USERS, "admin", "admin-pw");
    }

    @AfterAll
    void stopServer() throws InterruptedException {
        if (nats != null) {
            nats.stopAndDelete();
        }
    }

    @BeforeEach
    void streamsAndDeadLetterQueue() throws Exception {
        assumeTrue(nats != null, NatsServerProcess.MISSING); // each test reported as skipped, with the reason
        nats.stream("ORDERS", "orders.>");
        nats.stream("DENIED", "denied.>");
        eventbus = new NatsDeliveries(accept, match, secrets);
        eventbus.deadLetterQueue();
    }

    @Test
    void aBasicConnectionLogsIn() throws Exception {
        eventbus.connection("nats-login", "eventbus", PASSWORD);
        eventbus.target("login", nats.url(), "orders.placed", "nats-login");

        String event = eventbus.put("Order Placed");

        await().atMost(Duration.ofSeconds(10)).until(() -> eventbus.states("login").equals(List.of("DELIVERED")));
        assertThat(nats.messages("ORDERS")).containsOnlyKeys(event);
        assertThat(nats.eventbusClients()).extracting(c -> c.path("authorized_user").asText())
                .containsExactly("eventbus");
    }

    @Test
    void aChangedConnectionReplacesItsPooledConnection() throws Exception {
        eventbus.connection("nats-login", "eventbus", PASSWORD);
        eventbus.target("changed", nats.url(), "orders.placed", "nats-login");
        String first = eventbus.put("Order Placed");
        await().atMost(Duration.ofSeconds(10)).until(() -> eventbus.states("changed").equals(List.of("DELIVERED")));

        eventbus.changeConnection("nats-login", "billing", "other-pw");
        String second = eventbus.put("Order Placed");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> eventbus.states("changed").equals(List.of("DELIVERED", "DELIVERED")));
        assertThat(nats.messages("ORDERS")).containsOnlyKeys(first, second);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(nats.eventbusClients())
                .as("the older version's connection is closed").extracting(c -> c.path("authorized_user").asText())
                .containsExactly("billing"));
    }

    @Test
    void aWrongPasswordIsAPermanentAuthFailure() throws Exception {
        eventbus.connection("nats-wrong", "eventbus", "not-the-password");
        eventbus.target("wrong", nats.url(), "orders.placed", "nats-wrong");

        eventbus.put("Order Placed");

        await().atMost(Duration.ofSeconds(15)).until(() -> eventbus.deadLetters().size() == 1);
        JsonNode attributes = eventbus.deadLetters().get(0);
        assertThat(attributes.path("ERROR_CODE").asText()).isEqualTo("AUTH_FAILED");
        assertThat(attributes.path("ERROR_MESSAGE").asText())
                .contains(nats.url(), "user 'eventbus' (connection nats-wrong)", "Authorization Violation")
                .doesNotContain("not-the-password");
        assertThat(nats.messages("ORDERS")).isEmpty();
    }

    @Test
    void aSubjectTheUserMayNotPublishToIsAPermanentAuthFailureWithoutWaitingForTheTimeout() throws Exception {
        eventbus.connection("nats-login", "eventbus", PASSWORD);
        eventbus.target("denied", nats.url(), "denied.placed", "nats-login");

        String event = eventbus.put("Order Placed");

        await().atMost(Duration.ofSeconds(10)).until(() -> eventbus.deadLetters().size() == 1);
        JsonNode attributes = eventbus.deadLetters().get(0);
        assertThat(attributes.path("ERROR_CODE").asText()).isEqualTo("AUTH_FAILED");
        assertThat(attributes.path("ERROR_MESSAGE").asText())
                .contains("user 'eventbus'", "Permissions Violation for Publish to \"denied.placed\"");
        assertThat(eventbus.attemptMillis(eventbus.deliveryOf(event))).singleElement()
                .satisfies(ms -> assertThat(ms).isLessThan(5_000));
        assertThat(nats.messages("DENIED")).isEmpty();
    }
}
