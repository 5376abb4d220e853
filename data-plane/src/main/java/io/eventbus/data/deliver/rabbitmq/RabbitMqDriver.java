package io.eventbus.data.deliver.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.eventbus.core.role.DataRole;
import io.eventbus.core.secret.SecretUnreadable;
import io.eventbus.core.target.RabbitMqConfig;
import io.eventbus.core.target.TargetType;
import io.eventbus.data.deliver.Attempt;
import io.eventbus.data.deliver.BrokerMessage;
import io.eventbus.data.deliver.DecryptedSecrets;
import io.eventbus.data.deliver.Sending;
import io.eventbus.data.deliver.Sent;
import io.eventbus.data.deliver.TargetDriver;
import io.eventbus.data.outbox.StoredConnection;
import io.eventbus.data.retry.DeliveryOutcome;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import javax.net.ssl.SSLContext;

import java.time.Clock;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes deliveries to RabbitMQ exchanges: persistent messages, mandatory, with publisher confirms, so a delivery
 * is delivered only when the broker has taken the message (and routed it to a queue); an unroutable message or a
 * nack is retried, a missing exchange is permanent. One AMQP connection per broker address and login, one confirmed
 * channel per exchange on it, both made again when they close. Connecting and writing happen on the driver's own
 * threads; the caller's never block. {@code amqps://} checks the broker's certificate and host name with the JVM's trust
 * store. The broker's address is not checked by the egress policy (ADR 0018).
 */
@Singleton
@DataRole
class RabbitMqDriver implements TargetDriver<RabbitMqConfig> {

    /** How long an attempt waits for the broker's confirm. */
    static final long CONFIRM_TIMEOUT_SECONDS = 10;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final DecryptedSecrets secrets;
    private final Clock clock;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Map<String, ConfirmedChannel> channels = new ConcurrentHashMap<>();
    private final ExecutorService io = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "eventbus-rabbitmq");
        t.setDaemon(true);
        return t;
    });

    RabbitMqDriver(DecryptedSecrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public TargetType<RabbitMqConfig> type() {
        return RabbitMqConfig.TYPE;
    }

    @Override
    public CompletableFuture<Sent> send(Attempt attempt, RabbitMqConfig config) {
        Sending sending = Sending.start(clock);
        BrokerMessage message;
        String routingKey;
        try {
            message = BrokerMessage.of(attempt);
        } catch (IllegalArgumentException e) {
            return sending.endedNow(DeliveryOutcome.permanent("EVENT_UNREADABLE", "the event could not be read to"
                    + " build the message: " + e.getMessage()));
        }
        try {
            routingKey = routingKey(message, config);
        } catch (IllegalArgumentException e) {
            return sending.endedNow(DeliveryOutcome.permanent("ROUTING_KEY_MISSING", e.getMessage()));
        }
        return CompletableFuture.supplyAsync(() -> publish(attempt, message, config, routingKey), io)
                .thenCompose(outcome -> outcome)
                .orTimeout(CONFIRM_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .exceptionally(e -> RabbitMqFailures.of(e, config.exchange()))
                .thenApply(outcome -> sending.ended(outcome, outcome instanceof DeliveryOutcome.Delivered
                        ? "{\"exchange\":\"" + config.exchange() + "\",\"routingKey\":\""
                        + routingKey.replace("\"", "\\\"") + "\"}" : null));
    }

    /** Runs on the driver's threads: connects if needed, and publishes. */
    private CompletableFuture<DeliveryOutcome> publish(Attempt attempt, BrokerMessage message, RabbitMqConfig config,
                                                       String routingKey) {
        try {
            ConfirmedChannel channel = channel(config, attempt.connection());
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .deliveryMode(2)
                    .contentType("application/json")
                    .messageId(attempt.deliveryId())
                    .timestamp(Date.from(clock.instant()))
                    .headers(new HashMap<>(message.headers()))
                    .build();
            CompletableFuture<DeliveryOutcome> outcome = channel.publish(routingKey, properties, message.body());
            outcome.orTimeout(CONFIRM_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .whenComplete((o, e) -> {
                        if (e instanceof TimeoutException) {
                            channel.forget(outcome);
                        }
                    });
            return outcome;
        } catch (SecretUnreadable e) {
            return CompletableFuture.completedFuture(DeliveryOutcome.retryable("SECRET_UNREADABLE",
                    "the password of " + attempt.connection() + ": " + e.getMessage()));
        } catch (Exception e) {
            return CompletableFuture.completedFuture(RabbitMqFailures.of(e, config.exchange()));
        }
    }

    /** The routing key: static, read from the event, or "". */
    private static String routingKey(BrokerMessage message, RabbitMqConfig config) {
        if (config.routingKeyPath() == null) {
            return config.routingKey() == null ? "" : config.routingKey();
        }
        Optional<String> key = message.keyAt(config.routingKeyPath());
        return key.orElseThrow(() -> new IllegalArgumentException("the event has no value at "
                + config.routingKeyPath() + ", the target's routingKeyPath"));
    }

    /** The open confirmed channel to the target's exchange, opened (and its connection made) when needed. */
    private ConfirmedChannel channel(RabbitMqConfig config, StoredConnection login) throws Exception {
        String connectionKey = config.uri() + "\u0000" + (login == null ? "" : login.id() + "@" + login.version());
        String channelKey = connectionKey + "\u0000" + config.exchange();
        ConfirmedChannel channel = channels.get(channelKey);
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        synchronized (this) {
            channel = channels.get(channelKey);
            if (channel != null && channel.isOpen()) {
                return channel;
            }
            Connection connection = connections.get(connectionKey);
            if (connection == null || !connection.isOpen()) {
                connection = connect(config.uri(), login);
                connections.put(connectionKey, connection);
            }
            channel = new ConfirmedChannel(connection, config.exchange());
            channels.put(channelKey, channel);
            return channel;
        }
    }

    private Connection connect(String uri, StoredConnection login) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        if (factory.isSSL()) {
            // setUri's amqps trusts every certificate; a broker must prove who it is, as a webhook's HTTPS does
            factory.useSslProtocol(SSLContext.getDefault());
            factory.enableHostnameVerification();
        }
        if (login != null) {
            factory.setUsername(login.parameters().path("username").asText());
            factory.setPassword(secrets.reveal(login.encryptedSecret()));
        }
        factory.setAutomaticRecoveryEnabled(false); // a closed connection is made again by the next attempt
        factory.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
        factory.setHandshakeTimeout(CONNECT_TIMEOUT_MILLIS);
        factory.setRequestedHeartbeat(30);
        return factory.newConnection("eventbus");
    }

    @PreDestroy
    void close() {
        io.shutdownNow();
        channels.values().forEach(ConfirmedChannel::close);
        connections.values().forEach(c -> {
            try {
                c.close(2_000);
            } catch (Exception e) {
                // closing anyway
            }
        });
    }
}
