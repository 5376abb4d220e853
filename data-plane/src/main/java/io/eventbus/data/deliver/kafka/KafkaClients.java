package io.eventbus.data.deliver.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Kafka clients of this process: one producer and one admin client per bootstrap list (the text a target stores),
 * made on first use and shared by every target that names the same list, all closed by {@link #close}. Making a
 * client does no network I/O (it may resolve the bootstrap host names). Thread-safe, as {@link KafkaProducer} and
 * {@link Admin} are.
 */
final class KafkaClients {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaClients.class);
    /** Client ids are unique in the JVM: Kafka registers an MBean by client id. */
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final KafkaSettings settings;
    private final Map<String, Producer<byte[], byte[]>> producers = new ConcurrentHashMap<>();
    private final Map<String, Admin> admins = new ConcurrentHashMap<>();
    private volatile boolean closed;

    KafkaClients(KafkaSettings settings) {
        this.settings = settings;
    }

    /**
     * The producer of {@code servers}: {@code acks=all}, idempotent, its waits bounded by {@link KafkaSettings}.
     *
     * @throws IllegalStateException after {@link #close}
     * @throws org.apache.kafka.common.KafkaException when it cannot be made (e.g. no bootstrap host resolves)
     */
    Producer<byte[], byte[]> producer(String servers) {
        checkOpen();
        Producer<byte[], byte[]> producer = producers.computeIfAbsent(servers, this::newProducer);
        if (closed && producers.remove(servers, producer)) { // made while closing: close() may have missed it
            producer.close(Duration.ZERO);
            checkOpen();
        }
        return producer;
    }

    /** The admin client of {@code servers}, for asking whether a topic exists. Throws as {@link #producer} does. */
    Admin admin(String servers) {
        checkOpen();
        Admin admin = admins.computeIfAbsent(servers, this::newAdmin);
        if (closed && admins.remove(servers, admin)) {
            admin.close(Duration.ZERO);
            checkOpen();
        }
        return admin;
    }

    /**
     * Closes and forgets {@code producer}, which failed for good (a fatal error of an idempotent producer fails
     * every later send); the next send to {@code servers} makes a new one.
     */
    void discard(String servers, Producer<byte[], byte[]> producer) {
        if (producers.remove(servers, producer)) {
            LOG.warn("the Kafka producer of bootstrap_servers={} failed for good and is closed; the next attempt makes"
                    + " a new one", servers);
            producer.close(Duration.ZERO);
        }
    }

    /** Closes every client, sending what the producers hold for at most {@code timeout} in all. */
    void close(Duration timeout) {
        closed = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        producers.forEach((servers, producer) -> producer.close(left(deadline)));
        admins.forEach((servers, admin) -> admin.close(left(deadline)));
        producers.clear();
        admins.clear();
    }

    private Producer<byte[], byte[]> newProducer(String servers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "eventbus-producer-" + CLIENTS.incrementAndGet());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) settings.linger().toMillis());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.maxBlock().toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.requestTimeout().toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) settings.deliveryTimeout().toMillis());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        Producer<byte[], byte[]> producer = new KafkaProducer<>(config);
        LOG.info("Kafka producer for bootstrap_servers={} made ({})", servers,
                config.get(ProducerConfig.CLIENT_ID_CONFIG));
        return producer;
    }

    private Admin newAdmin(String servers) {
        int timeout = (int) settings.topicCheckTimeout().toMillis();
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                AdminClientConfig.CLIENT_ID_CONFIG, "eventbus-admin-" + CLIENTS.incrementAndGet(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout));
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("Eventbus is shutting down");
        }
    }

    private static Duration left(long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }
}
