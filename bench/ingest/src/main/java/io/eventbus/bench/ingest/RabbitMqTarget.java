package io.eventbus.bench.ingest;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeoutException;

/**
 * A RabbitMQ target: a durable direct exchange of this run, bound to a durable queue of this run by a routing key, on
 * the broker of --rabbitmq-uri (guest/guest unless the URI has user info, which then becomes a BASIC connection of the
 * server). The queue's message count is what reached the target. Both are deleted on close.
 */
final class RabbitMqTarget implements BenchTarget {

    private static final String LOGIN = "bench-rabbitmq";

    private final URI uri;
    private final Connection connection;
    private final String exchange;
    private final String queue;
    private final String routingKey;
    private final Cpu cpu;
    private boolean login;

    private RabbitMqTarget(URI uri, Connection connection, String name) {
        this.uri = uri;
        this.connection = connection;
        this.exchange = name;
        this.queue = name;
        this.routingKey = "bench";
        this.cpu = Cpu.listener("RabbitMQ", connection.getAddress().getHostAddress(), connection.getPort());
    }

    static RabbitMqTarget open(String address, String run) throws IOException {
        URI uri = URI.create(address.trim());
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
        } catch (java.security.GeneralSecurityException | java.net.URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--rabbitmq-uri " + address + ": " + e.getMessage(), e);
        }
        factory.setConnectionTimeout(3_000);
        factory.setAutomaticRecoveryEnabled(false);
        Connection connection;
        try {
            connection = factory.newConnection("eventbus-delivery-bench");
        } catch (IOException | TimeoutException e) {
            throw new Unreachable("RabbitMQ at " + BenchTarget.withoutUserInfo(uri) + " does not answer: " + e);
        }
        RabbitMqTarget target = new RabbitMqTarget(uri, connection, "eventbus-bench-" + run);
        try (Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(target.exchange, BuiltinExchangeType.DIRECT, true);
            channel.queueDeclare(target.queue, true, false, false, null);
            channel.queueBind(target.queue, target.exchange, target.routingKey);
        } catch (IOException | TimeoutException | RuntimeException e) {
            target.close();
            throw new IOException("declaring exchange and queue " + target.exchange + " on RabbitMQ: " + e, e);
        }
        return target;
    }

    @Override
    public String kind() {
        return "rabbitmq";
    }

    @Override
    public String describe() {
        return "RabbitMQ at " + BenchTarget.withoutUserInfo(uri) + ": durable direct exchange " + exchange
                + ", routing key " + routingKey + ", to durable queue " + queue;
    }

    @Override
    public void prepare(Admin admin) throws IOException {
        login = BenchTarget.createLogin(admin, LOGIN, uri);
    }

    @Override
    public String json() {
        return "{\"id\":\"r\",\"type\":\"rabbitmq\",\"rabbitmq\":{\"uri\":"
                + BenchTarget.quote(BenchTarget.withoutUserInfo(uri)) + (login ? ",\"connection\":\"" + LOGIN + "\"" : "")
                + ",\"exchange\":" + BenchTarget.quote(exchange) + ",\"routingKey\":" + BenchTarget.quote(routingKey)
                + "}}";
    }

    @Override
    public long received(PgCeiling pg, long expected) throws Exception {
        try (Channel channel = connection.createChannel()) {
            return BenchTarget.await(() -> channel.messageCount(queue), expected);
        }
    }

    @Override
    public Cpu cpu() {
        return cpu;
    }

    @Override
    public void close() {
        try (Channel channel = connection.createChannel()) {
            channel.queueDelete(queue);
            channel.exchangeDelete(exchange);
        } catch (IOException | TimeoutException | RuntimeException e) {
            System.err.println("!! removing RabbitMQ exchange and queue " + exchange + ": " + e);
        }
        try {
            connection.close();
        } catch (IOException | RuntimeException e) {
            // closing anyway
        }
    }
}
