package io.eventbus.data.deliver.nats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.data.retry.DeliveryOutcome;
import io.nats.client.AuthenticationException;
import io.nats.client.JetStreamApiException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/**
 * What a failed NATS attempt means for its delivery, from what jnats gave (the exceptions are as jnats 2.25 raises
 * them; {@code ClassifyNatsFailureTest} holds the table):
 * <table>
 *     <tr><th>jnats</th><th>outcome</th></tr>
 *     <tr><td>{@link AuthenticationException} while connecting (Authorization Violation)</td>
 *         <td>permanent {@code AUTH_FAILED}</td></tr>
 *     <tr><td>a Permissions Violation on the connection ({@link ConnectionWatch.Denied})</td>
 *         <td>permanent {@code AUTH_FAILED}</td></tr>
 *     <tr><td>any other connect failure ({@link NatsConnections.Unreachable}: refused, timed out, unknown host)</td>
 *         <td>retryable {@code CONNECTION_ERROR}</td></tr>
 *     <tr><td>{@link CancellationException} "connection closing", {@link IllegalStateException} "Connection is
 *         Closed": the connection went while the publish waited</td><td>retryable {@code CONNECTION_ERROR}</td></tr>
 *     <tr><td>{@link TimeoutException}: no acknowledgement in time</td><td>retryable {@code TIMEOUT}</td></tr>
 *     <tr><td>{@link IOException} "Error Publishing: 503 No Responders": nothing takes the subject; what the
 *         stream-names API then says decides ({@link #noResponders})</td>
 *         <td>permanent {@code NO_STREAM}, or retryable {@code STREAM_UNAVAILABLE}</td></tr>
 *     <tr><td>{@link JetStreamApiException} 10059 (stream not found)</td><td>permanent {@code NO_STREAM}</td></tr>
 *     <tr><td>any other {@link JetStreamApiException} (e.g. 10077 maximum messages exceeded)</td>
 *         <td>retryable {@code JETSTREAM_ERROR}</td></tr>
 *     <tr><td>anything else</td><td>retryable {@code NATS_ERROR}</td></tr>
 * </table>
 * Messages name the servers and subject and say what to do; they never hold a password. Pure.
 */
final class ClassifyNatsFailure {

    static final int STREAM_NOT_FOUND = 10059;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Where the attempt went.
     *
     * @param user       the login's user, or null without a login
     * @param connection the login's connection name, or null
     */
    record Destination(String servers, String subject, String user, String connection) {

        String who() {
            return user == null ? "a client without a login" : "user '" + user + "' (connection " + connection + ")";
        }
    }

    private ClassifyNatsFailure() {
    }

    /** Whether JetStream answered the publish "503 No Responders": no stream took the subject just now. */
    static boolean isNoResponders(Throwable error) {
        IOException io = find(error, IOException.class);
        return io != null && io.getMessage() != null
                && (io.getMessage().contains("No Responders") || io.getMessage().startsWith("Error Publishing: 503"));
    }

    /** The outcome of an attempt that failed with {@code error} (not a "no responders": see {@link #noResponders}). */
    static DeliveryOutcome failure(Throwable error, Destination to) {
        ConnectionWatch.Denied denied = find(error, ConnectionWatch.Denied.class);
        if (denied != null) {
            return DeliveryOutcome.permanent("AUTH_FAILED", "NATS at " + to.servers() + " refused " + to.who() + ": "
                    + denied.getMessage() + "; grant it in the server's authorization");
        }
        AuthenticationException auth = find(error, AuthenticationException.class);
        if (auth != null) {
            return DeliveryOutcome.permanent("AUTH_FAILED", to.user() == null
                    ? "NATS at " + to.servers() + " requires a login (" + auth.getMessage() + "): give the target a BASIC"
                    + " connection"
                    : "NATS at " + to.servers() + " refused the login of " + to.who() + " (" + auth.getMessage()
                    + "): check the connection's username and password");
        }
        NatsConnections.Unreachable unreachable = find(error, NatsConnections.Unreachable.class);
        if (unreachable != null) {
            return DeliveryOutcome.retryable("CONNECTION_ERROR", "cannot connect to NATS at " + to.servers() + ": "
                    + unreachable.reason());
        }
        JetStreamApiException api = find(error, JetStreamApiException.class);
        if (api != null) {
            return api.getApiErrorCode() == STREAM_NOT_FOUND ? noStream(to, "")
                    : DeliveryOutcome.retryable("JETSTREAM_ERROR", "JetStream at " + to.servers() + " did not store the"
                    + " message to subject '" + to.subject() + "': " + api.getMessage());
        }
        if (find(error, TimeoutException.class) != null) {
            return DeliveryOutcome.retryable("TIMEOUT", "JetStream at " + to.servers() + " did not acknowledge the"
                    + " message to subject '" + to.subject() + "' within " + NatsConnections.ACK_TIMEOUT.toSeconds()
                    + " s; the retry has the same Nats-Msg-Id, so the stream keeps one copy");
        }
        Throwable lost = find(error, CancellationException.class);
        IllegalStateException state = find(error, IllegalStateException.class);
        lost = lost != null ? lost : state != null && String.valueOf(state.getMessage()).matches("(?i).*(clos|drain).*")
                ? state : null;
        if (lost != null) {
            return DeliveryOutcome.retryable("CONNECTION_ERROR", "the connection to NATS at " + to.servers() + " was lost"
                    + " before JetStream acknowledged the message (" + lost.getMessage() + "); the retry has the same"
                    + " Nats-Msg-Id, so the stream keeps one copy");
        }
        Throwable cause = unwrap(error);
        return DeliveryOutcome.retryable("NATS_ERROR", "publishing to NATS at " + to.servers() + " failed: "
                + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }

    /**
     * The outcome of a publish answered "503 No Responders", given what JetStream's stream-names API said about the
     * subject ({@code $JS.API.STREAM.NAMES} with {@code {"subject": ...}}): only a stream that takes the subject but
     * did not answer (restoring, electing a leader) is worth a retry.
     *
     * @param reply the API's answer, or null when it did not answer
     * @param error why it did not answer, or null
     */
    static DeliveryOutcome noResponders(byte[] reply, Throwable error, Destination to) {
        if (reply == null) {
            return noStream(to, "; JetStream's API did not answer either (" + describe(error) + "): is JetStream"
                    + " enabled on the server?");
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(reply);
        } catch (IOException e) {
            return noStream(to, "");
        }
        if (answer.has("error")) {
            return noStream(to, "; JetStream answered: " + answer.path("error").path("description").asText());
        }
        List<String> streams = new ArrayList<>();
        answer.path("streams").forEach(s -> streams.add(s.asText()));
        if (streams.isEmpty()) {
            return noStream(to, "");
        }
        return DeliveryOutcome.retryable("STREAM_UNAVAILABLE", "stream " + String.join(", ", streams) + " at "
                + to.servers() + " takes subject '" + to.subject() + "' but did not answer (503 No Responders): is it"
                + " being restored, or electing a leader?");
    }

    private static DeliveryOutcome noStream(Destination to, String more) {
        return DeliveryOutcome.permanent("NO_STREAM", "no JetStream stream at " + to.servers() + " takes subject '"
                + to.subject() + "'" + more + ": create a stream whose subjects include it, or correct the target's"
                + " subject");
    }

    private static String describe(Throwable error) {
        Throwable cause = error == null ? null : unwrap(error);
        if (cause == null) {
            return "no answer";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** The first of {@code error} and its causes that is a {@code type}, or null. */
    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The innermost cause: jnats wraps in {@code RuntimeException}, futures in {@code CompletionException}. */
    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
