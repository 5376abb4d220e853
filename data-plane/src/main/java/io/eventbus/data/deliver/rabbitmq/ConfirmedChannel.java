package io.eventbus.data.deliver.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Return;
import com.rabbitmq.client.ShutdownSignalException;
import io.eventbus.data.retry.DeliveryOutcome;

import java.io.IOException;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One AMQP channel in confirm mode that publishes to one exchange, mandatory: each publish completes when the broker
 * confirms it ({@code basic.ack}: delivered, unless it came back unroutable first), refuses it ({@code basic.nack}),
 * or the channel closes (a missing exchange closes it with 404). Publishes may come from several threads. Not
 * reusable once closed: {@link #isOpen()} says when to make a new one.
 */
final class ConfirmedChannel {

    private final Channel channel;
    private final String exchange;
    /** Publishes waiting for their confirm, by sequence number. */
    private final NavigableMap<Long, Pending> pending = new ConcurrentSkipListMap<>();
    /** Why messages came back unroutable, by message id, until their confirm arrives. */
    private final Map<String, String> returned = new ConcurrentHashMap<>();

    private record Pending(String messageId, CompletableFuture<DeliveryOutcome> outcome) {
    }

    /**
     * Opens a channel on {@code connection} and checks that {@code exchange} exists ("" is the default exchange).
     *
     * @throws IOException when the channel cannot be opened, or the exchange does not exist (the cause is then a
     *                     {@link ShutdownSignalException} with reply code 404)
     */
    ConfirmedChannel(Connection connection, String exchange) throws IOException {
        this.exchange = exchange;
        Channel opened = connection.createChannel();
        if (opened == null) {
            throw new IOException("the broker has no channel left on this connection");
        }
        this.channel = opened;
        if (!exchange.isEmpty()) {
            channel.exchangeDeclarePassive(exchange);
        }
        channel.confirmSelect();
        channel.addConfirmListener((seq, multiple) -> confirmed(seq, multiple, true),
                (seq, multiple) -> confirmed(seq, multiple, false));
        channel.addReturnListener(this::returned);
        channel.addShutdownListener(this::closed);
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /**
     * Publishes one persistent message; the future completes with its outcome, from the broker's threads.
     *
     * @throws IOException when it cannot be written (the channel or connection is gone)
     */
    CompletableFuture<DeliveryOutcome> publish(String routingKey, AMQP.BasicProperties properties, byte[] body)
            throws IOException {
        CompletableFuture<DeliveryOutcome> outcome = new CompletableFuture<>();
        synchronized (channel) { // the sequence number and the publish must go together
            long seq = channel.getNextPublishSeqNo();
            pending.put(seq, new Pending(properties.getMessageId(), outcome));
            try {
                channel.basicPublish(exchange, routingKey, true, properties, body);
            } catch (IOException | RuntimeException e) {
                pending.remove(seq);
                throw e;
            }
        }
        return outcome;
    }

    /** Forgets a publish whose confirm is no longer awaited (it timed out). */
    void forget(CompletableFuture<DeliveryOutcome> outcome) {
        pending.values().removeIf(p -> p.outcome() == outcome);
    }

    void close() {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | java.util.concurrent.TimeoutException | ShutdownSignalException e) {
            // closing anyway
        }
    }

    private void confirmed(long seq, boolean multiple, boolean ack) {
        if (multiple) {
            Map<Long, Pending> upTo = pending.headMap(seq, true);
            upTo.values().forEach(p -> complete(p, ack));
            upTo.clear();
        } else {
            Pending p = pending.remove(seq);
            if (p != null) {
                complete(p, ack);
            }
        }
    }

    private void complete(Pending p, boolean ack) {
        String unroutable = p.messageId() == null ? null : returned.remove(p.messageId());
        if (!ack) {
            p.outcome().complete(DeliveryOutcome.retryable("NACKED", "the broker refused the message (basic.nack):"
                    + " it could not take it now"));
        } else if (unroutable != null) {
            p.outcome().complete(DeliveryOutcome.retryable("UNROUTABLE", unroutable));
        } else {
            p.outcome().complete(DeliveryOutcome.delivered(200));
        }
    }

    private void returned(Return r) {
        String id = r.getProperties().getMessageId();
        if (id != null) {
            returned.put(id, "no queue is bound to exchange '" + r.getExchange() + "' with routing key '"
                    + r.getRoutingKey() + "' (" + r.getReplyCode() + " " + r.getReplyText() + ")");
        }
    }

    /** The channel closed: every publish still waiting fails with why. */
    private void closed(ShutdownSignalException cause) {
        DeliveryOutcome outcome = RabbitMqFailures.of(cause, exchange);
        pending.values().forEach(p -> p.outcome().complete(outcome));
        pending.clear();
        returned.clear();
    }
}
