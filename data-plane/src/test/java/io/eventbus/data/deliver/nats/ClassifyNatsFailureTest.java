package io.eventbus.data.deliver.nats;

import io.eventbus.data.deliver.nats.ClassifyNatsFailure.Destination;
import io.eventbus.data.retry.DeliveryOutcome;
import io.nats.client.AuthenticationException;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Each failure as jnats 2.25 raises it (seen against nats-server 2.9), and what it means for the delivery. */
class ClassifyNatsFailureTest {

    static final String SERVERS = "nats://127.0.0.1:4222";
    static final Destination WITH_LOGIN = new Destination(SERVERS, "orders.placed", "eventbus", "nats-login");
    static final Destination WITHOUT = new Destination(SERVERS, "orders.placed", null, null);

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("connection refused", connectFailed("ConnectException: Connection refused", null),
                        WITHOUT, "Retryable", "CONNECTION_ERROR: cannot connect to NATS at " + SERVERS
                                + ": ConnectException: Connection refused"),
                Arguments.of("no answer to connect", connectFailed("TimeoutException", null), WITHOUT, "Retryable",
                        "CONNECTION_ERROR: cannot connect to NATS at " + SERVERS + ": TimeoutException"),
                Arguments.of("wrong password", connectFailed("TimeoutException", new AuthenticationException(
                                "Authentication error connecting to NATS server: Authorization Violation")), WITH_LOGIN,
                        "Permanent", "AUTH_FAILED: NATS at " + SERVERS + " refused the login of user 'eventbus'"
                                + " (connection nats-login) (Authentication error connecting to NATS server: Authorization"
                                + " Violation): check the connection's username and password"),
                Arguments.of("login required", connectFailed("TimeoutException", new AuthenticationException(
                                "Authentication error connecting to NATS server: Authorization Violation")), WITHOUT,
                        "Permanent", "AUTH_FAILED: NATS at " + SERVERS + " requires a login"),
                Arguments.of("publish denied", new CompletionException(new ConnectionWatch.Denied(
                                "Permissions Violation for Publish to \"orders.placed\"")), WITH_LOGIN, "Permanent",
                        "AUTH_FAILED: NATS at " + SERVERS + " refused user 'eventbus' (connection nats-login):"
                                + " Permissions Violation for Publish to \"orders.placed\""),
                Arguments.of("no ack in time", new CompletionException(new TimeoutException()), WITHOUT, "Retryable",
                        "TIMEOUT: JetStream at " + SERVERS + " did not acknowledge the message to subject"
                                + " 'orders.placed' within 10 s"),
                Arguments.of("connection closed while waiting", new CompletionException(new CancellationException(
                        "Future cancelled, connection closing.")), WITHOUT, "Retryable", "CONNECTION_ERROR: the"
                        + " connection to NATS at " + SERVERS + " was lost before JetStream acknowledged the message"),
                Arguments.of("connection closed before publishing", new IllegalStateException("Connection is Closed"),
                        WITHOUT, "Retryable", "CONNECTION_ERROR: the connection to NATS at " + SERVERS + " was lost"),
                Arguments.of("stream full", jetStreamError(400, 10077, "maximum messages exceeded"), WITHOUT,
                        "Retryable", "JETSTREAM_ERROR: JetStream at " + SERVERS + " did not store the message to"
                                + " subject 'orders.placed': maximum messages exceeded [10077]"),
                Arguments.of("stream not found", jetStreamError(404, 10059, "stream not found"), WITHOUT, "Permanent",
                        "NO_STREAM: no JetStream stream at " + SERVERS + " takes subject 'orders.placed'"),
                Arguments.of("anything else", new CompletionException(new IllegalStateException("odd")), WITHOUT,
                        "Retryable", "NATS_ERROR: publishing to NATS at " + SERVERS + " failed: IllegalStateException:"
                                + " odd"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void classifies(String what, Throwable error, Destination to, String kind, String errorStart) {
        assertThat(ClassifyNatsFailure.isNoResponders(error)).isFalse();

        DeliveryOutcome outcome = ClassifyNatsFailure.failure(error, to);

        assertThat(outcome.getClass().getSimpleName()).isEqualTo(kind);
        assertThat(outcome.error()).startsWith(errorStart);
    }

    @Test
    void aPublishNothingAnsweredIsNoResponders() {
        // as jnats completes publishAsync: its IOException in a RuntimeException in the future's CompletionException
        Throwable error = new CompletionException(new RuntimeException(new IOException(
                "Error Publishing: 503 No Responders Available For Request")));

        assertThat(ClassifyNatsFailure.isNoResponders(error)).isTrue();
    }

    @Test
    void noStreamTakesTheSubject() {
        DeliveryOutcome outcome = ClassifyNatsFailure.noResponders(json("{\"type\": \"io.nats.jetstream.api.v1"
                + ".stream_names_response\", \"total\": 0, \"offset\": 0, \"limit\": 1024, \"streams\": null}"), null,
                WITHOUT);

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Permanent.class);
        assertThat(outcome.error()).isEqualTo("NO_STREAM: no JetStream stream at " + SERVERS + " takes subject"
                + " 'orders.placed': create a stream whose subjects include it, or correct the target's subject");
    }

    @Test
    void aStreamTakesTheSubjectButDidNotAnswerIsRetried() {
        DeliveryOutcome outcome = ClassifyNatsFailure.noResponders(json("{\"total\": 1, \"streams\": [\"ORDERS\"]}"),
                null, WITHOUT);

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Retryable.class);
        assertThat(outcome.error()).startsWith("STREAM_UNAVAILABLE: stream ORDERS at " + SERVERS + " takes subject"
                + " 'orders.placed' but did not answer");
    }

    @Test
    void jetStreamThatDoesNotAnswerIsNoStreamAndSaysSo() {
        assertThat(ClassifyNatsFailure.noResponders(null, new CancellationException("no responders"), WITHOUT).error())
                .startsWith("NO_STREAM: no JetStream stream at " + SERVERS + " takes subject 'orders.placed'; JetStream's"
                        + " API did not answer either (CancellationException: no responders): is JetStream enabled");
        assertThat(ClassifyNatsFailure.noResponders(json("{\"error\": {\"code\": 503, \"err_code\": 10039,"
                + " \"description\": \"jetstream not enabled for account\"}}"), null, WITHOUT).error())
                .contains("; JetStream answered: jetstream not enabled for account");
    }

    /** As {@link NatsConnections} fails a connect: what the watch saw, and jnats' own exception. */
    private static Throwable connectFailed(String reason, IOException thrown) {
        return new CompletionException(new NatsConnections.Unreachable(reason, thrown != null ? thrown
                : new IOException("Unable to connect to NATS servers: [" + SERVERS + "]")));
    }

    /** As jnats completes publishAsync with an API error: read from the server's answer, then wrapped twice. */
    private static Throwable jetStreamError(int code, int apiCode, String description) {
        Throwable api = catchThrowable(() -> new PublishAck(NatsMessage.builder().subject("_INBOX.x").data(
                "{\"error\": {\"code\": " + code + ", \"err_code\": " + apiCode + ", \"description\": \"" + description
                        + "\"}}").build()));
        assertThat(api).isInstanceOf(io.nats.client.JetStreamApiException.class);
        return new CompletionException(new RuntimeException(api));
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
