package io.eventbus.data.deliver.nats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbus.core.connection.AuthorizationType;
import io.eventbus.core.role.DataRole;
import io.eventbus.core.secret.SecretUnreadable;
import io.eventbus.core.target.NatsConfig;
import io.eventbus.core.target.TargetType;
import io.eventbus.data.deliver.Attempt;
import io.eventbus.data.deliver.DecryptedSecrets;
import io.eventbus.data.deliver.Sending;
import io.eventbus.data.deliver.Sent;
import io.eventbus.data.deliver.TargetDriver;
import io.eventbus.data.deliver.nats.ClassifyNatsFailure.Destination;
import io.eventbus.data.deliver.nats.NatsConnections.Address;
import io.eventbus.data.deliver.nats.NatsConnections.Login;
import io.eventbus.data.deliver.nats.NatsConnections.Open;
import io.eventbus.data.outbox.StoredConnection;
import io.eventbus.data.retry.DeliveryOutcome;
import io.nats.client.Message;
import io.nats.client.api.PublishAck;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publishes an attempt to a NATS JetStream subject ({@link EncodeNatsMessage}: the body, the broker headers,
 * {@code Nats-Msg-Id} = the delivery id) and waits, without blocking, for the stream's acknowledgement, at most
 * {@link NatsConnections#ACK_TIMEOUT}: delivered only on the acknowledgement, whose stream and sequence are the
 * attempt's response ({@code {"stream":"ORDERS","seq":42}}, with {@code "duplicate":true} when JetStream had the
 * message already). A BASIC connection logs in with its username and password; connections are pooled
 * ({@link NatsConnections}). What a failure means is {@link ClassifyNatsFailure}'s; a publish nothing answered is
 * checked against JetStream's stream-names API before it is called permanent. Thread-safe.
 */
@Singleton
@DataRole
class NatsDriver implements TargetDriver<NatsConfig> {

    /** JetStream's API for the names of the streams that take a subject. */
    static final String STREAM_NAMES = "$JS.API.STREAM.NAMES";
    private static final Duration STREAM_NAMES_TIMEOUT = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NatsConnections connections;
    private final DecryptedSecrets secrets;
    private final Clock clock;

    NatsDriver(NatsConnections connections, DecryptedSecrets secrets, Clock clock) {
        this.connections = connections;
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public TargetType<NatsConfig> type() {
        return NatsConfig.TYPE;
    }

    @Override
    public CompletableFuture<Sent> send(Attempt attempt, NatsConfig config) {
        Sending sending = Sending.start(clock);
        StoredConnection stored = attempt.connection();
        if (stored != null && stored.type() != AuthorizationType.BASIC) {
            return sending.endedNow(DeliveryOutcome.permanent("CONNECTION_INVALID", stored + " is not BASIC: a NATS"
                    + " target logs in with a username and a password"));
        }
        Login login;
        Message message;
        try {
            login = stored == null ? null : new Login(stored.name(), stored.parameters().path("username").asText(),
                    secrets.reveal(stored.encryptedSecret()));
            message = EncodeNatsMessage.of(attempt, config.subject());
        } catch (SecretUnreadable e) {
            return sending.endedNow(DeliveryOutcome.retryable("SECRET_UNREADABLE", "the password of " + stored + ": "
                    + e.getMessage()));
        } catch (IllegalArgumentException e) {
            return sending.endedNow(DeliveryOutcome.permanent("EVENT_UNREADABLE", "the message could not be built: "
                    + e.getMessage()));
        }
        Destination to = new Destination(config.servers(), config.subject(), login == null ? null : login.user(),
                login == null ? null : login.connection());
        Address address = new Address(config.servers(), stored == null ? null : stored.id(),
                stored == null ? null : stored.version());
        return connections.open(address, login)
                .thenCompose(open -> publish(open, message, to))
                .exceptionally(error -> new Result(ClassifyNatsFailure.failure(error, to), null))
                .thenApply(result -> sending.ended(result.outcome(), result.response()));
    }

    /** An outcome and the attempt's response: the acknowledgement, as JSON. */
    private record Result(DeliveryOutcome outcome, String response) {

        static Result of(DeliveryOutcome outcome) {
            return new Result(outcome, null);
        }
    }

    /** Publishes {@code message} on {@code open}; fails only as jnats failed (see {@link ClassifyNatsFailure}). */
    private static CompletableFuture<Result> publish(Open open, Message message, Destination to) {
        long max = open.connection().getMaxPayload();
        if (max > 0 && message.getData().length > max) {
            return CompletableFuture.completedFuture(Result.of(DeliveryOutcome.permanent("MESSAGE_TOO_LARGE",
                    "the message is " + message.getData().length + " bytes; NATS at " + to.servers() + " takes at most "
                            + max + " (its max_payload)")));
        }
        CompletableFuture<PublishAck> ack = open.watch().send(message.getSubject(),
                () -> open.jetStream().publishAsync(message))
                .orTimeout(NatsConnections.ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return ack.handle((a, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(new Result(DeliveryOutcome.delivered(200), response(a)));
            }
            return ClassifyNatsFailure.isNoResponders(error) ? streamsOf(open, to).thenApply(Result::of)
                    : CompletableFuture.<Result>failedFuture(error);
        }).thenCompose(result -> result);
    }

    /** After "no responders": asks JetStream which streams take the subject, and says what that means. */
    private static CompletableFuture<DeliveryOutcome> streamsOf(Open open, Destination to) {
        byte[] request = JSON.createObjectNode().put("subject", to.subject()).toString()
                .getBytes(StandardCharsets.UTF_8);
        return open.watch().send(STREAM_NAMES, () -> open.connection().requestWithTimeout(STREAM_NAMES, request,
                        STREAM_NAMES_TIMEOUT))
                .handle((reply, error) -> ClassifyNatsFailure.noResponders(reply == null ? null : reply.getData(), error,
                        to));
    }

    /** {@code {"stream":"ORDERS","seq":42}}, and {@code "duplicate":true} when JetStream had it already. */
    private static String response(PublishAck ack) {
        ObjectNode response = JSON.createObjectNode().put("stream", ack.getStream()).put("seq", ack.getSeqno());
        if (ack.isDuplicate()) {
            response.put("duplicate", true);
        }
        return response.toString();
    }
}
