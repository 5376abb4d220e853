package io.eventbus.data.deliver.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.role.DataRole;
import io.eventbus.core.target.KafkaConfig;
import io.eventbus.core.target.TargetType;
import io.eventbus.data.deliver.Attempt;
import io.eventbus.data.deliver.BrokerMessage;
import io.eventbus.data.deliver.Sending;
import io.eventbus.data.deliver.Sent;
import io.eventbus.data.deliver.TargetDriver;
import io.eventbus.data.retry.DeliveryOutcome;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Produces an attempt to a Kafka topic: the body as the value, the value at the target's {@code keyPath} as the key,
 * {@link BrokerMessage}'s headers; delivered only when the brokers acknowledge it ({@code acks=all}, idempotent), with
 * the partition and offset in the attempt's response. A {@code keyPath} that names nothing in this event sends the
 * record without a key, not a failure: paths name optional fields too, a retry would find nothing again, and
 * dead-lettering each such event would hold back records Kafka takes without complaint (the response says
 * {@code "keyed":false}; a compacted topic refuses them, and that is the permanent {@code RECORD_INVALID}, saying why).
 *
 * <p>{@link Producer#send} may wait up to {@code max-block} for the topic's metadata, so it is called on this
 * driver's own threads, never the caller's; the outcome is completed from the producer's callback. A send that times
 * out is looked into with the admin client: a topic that does not exist is the permanent {@code TOPIC_NOT_FOUND}
 * (the brokers answer, and do not create it), brokers that do not answer a retryable {@code CONNECTION_ERROR}. A topic
 * found missing is checked first on the next attempt (a metadata request, milliseconds), so that a rule sending
 * to it does not hold a thread for {@code max-block} per event.
 *
 * <p>Thread-safe. The returned future completes in the producer's or the admin client's I/O thread, so what is chained
 * on it must not block ({@code DeliverClaimed} only hands the outcome to the outbox's group commit). A retry is a new
 * record: a timed-out attempt the brokers did write after all is written again, so consumers drop duplicates by the
 * {@code eventbus-delivery-id} header (the producer's idempotence covers only its own retries of one send).
 */
@Singleton
@DataRole
class KafkaDriver implements TargetDriver<KafkaConfig> {

    /**
     * Threads that call {@link Producer#send}: it returns at once for a topic whose metadata the producer holds, and
     * holds its thread up to {@code max-block} only for a topic not seen yet, one that is missing, or brokers that
     * do not answer. Started on demand, ended after 30 s idle.
     */
    private static final int SEND_THREADS = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaSettings settings;
    private final KafkaClients clients;
    private final Clock clock;
    private final ThreadPoolExecutor sends;
    /** Topics a send found missing: the next send to one asks the admin client first. */
    private final Set<Topic> missing = ConcurrentHashMap.newKeySet();

    KafkaDriver(KafkaSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.clients = new KafkaClients(settings);
        AtomicInteger threads = new AtomicInteger();
        this.sends = new ThreadPoolExecutor(SEND_THREADS, SEND_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "eventbus-kafka-send-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        sends.allowCoreThreadTimeOut(true);
    }

    /** A topic of a cluster. */
    private record Topic(String servers, String name) {
    }

    /** How an attempt went, and what the brokers said of a record they took. */
    private record Answer(DeliveryOutcome outcome, String response) {
    }

    /** A send waiting for a thread; completed as refused if the driver closes first. */
    private record Send(Runnable work, CompletableFuture<Answer> answer) implements Runnable {
        @Override
        public void run() {
            work.run();
        }
    }

    @Override
    public TargetType<KafkaConfig> type() {
        return KafkaConfig.TYPE;
    }

    @Override
    public CompletableFuture<Sent> send(Attempt attempt, KafkaConfig config) {
        Sending sending = Sending.start(clock);
        return answer(attempt, config).exceptionally(e -> new Answer(DeliveryOutcome.retryable("KAFKA_ERROR",
                        "the send failed unexpectedly: " + ClassifyKafkaFailure.unwrap(e)), null))
                .thenApply(a -> sending.ended(a.outcome(), a.response()));
    }

    private CompletableFuture<Answer> answer(Attempt attempt, KafkaConfig config) {
        List<Header> headers = new ArrayList<>();
        BrokerMessage message;
        byte[] key;
        try {
            message = BrokerMessage.of(attempt);
            for (Map.Entry<String, String> h : message.headers().entrySet()) {
                headers.add(new RecordHeader(h.getKey(), h.getValue() == null ? null
                        : h.getValue().getBytes(StandardCharsets.UTF_8)));
            }
        } catch (IllegalArgumentException e) {
            return done(DeliveryOutcome.permanent("EVENT_UNREADABLE", "the event could not be read to build the"
                    + " record: " + e.getMessage()));
        }
        try {
            key = config.keyPath() == null ? null : message.keyAt(config.keyPath())
                    .map(k -> k.getBytes(StandardCharsets.UTF_8)).orElse(null);
        } catch (IllegalArgumentException e) {
            return done(DeliveryOutcome.permanent("KEY_PATH_INVALID", "the record key's keyPath '" + config.keyPath()
                    + "' cannot be read: " + e.getMessage()));
        }
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(config.topic(), null, null, key,
                message.body(), headers);
        Topic topic = new Topic(config.bootstrapServers(), config.topic());
        return missing.contains(topic) ? produceIfFound(topic, record) : produce(topic, record);
    }

    /** A topic found missing before: produce only if it exists now; otherwise the same permanent outcome, fast. */
    private CompletableFuture<Answer> produceIfFound(Topic topic, ProducerRecord<byte[], byte[]> record) {
        return describe(topic).handle((found, error) -> {
            if (error == null) {
                missing.remove(topic); // created since
            }
            return error == null || !(ClassifyKafkaFailure.unwrap(error) instanceof UnknownTopicOrPartitionException);
        }).thenCompose(mayExist -> mayExist ? produce(topic, record)
                : done(ClassifyKafkaFailure.topicNotFound(topic.servers(), topic.name())));
    }

    private CompletableFuture<Answer> produce(Topic topic, ProducerRecord<byte[], byte[]> record) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        try {
            sends.execute(new Send(() -> send(topic, record, answer), answer));
        } catch (RejectedExecutionException e) {
            answer.complete(shuttingDown());
        }
        return answer;
    }

    /** On a send thread: may wait for metadata up to {@code max-block}; the callback completes {@code answer}. */
    private void send(Topic topic, ProducerRecord<byte[], byte[]> record, CompletableFuture<Answer> answer) {
        Producer<byte[], byte[]> producer = null;
        try {
            producer = clients.producer(topic.servers());
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    answer.complete(new Answer(DeliveryOutcome.delivered(200), response(metadata, record)));
                } else {
                    failed(topic, record, error).whenComplete((a, e) -> answer.complete(a != null ? a
                            : new Answer(ClassifyKafkaFailure.failure(error, topic.servers(), topic.name(),
                            record.key() != null), null)));
                }
            });
        } catch (RuntimeException e) { // a producer closed or failed for good, or one that cannot be made
            if (producer != null && !isShuttingDown()) {
                clients.discard(topic.servers(), producer);
            }
            answer.complete(new Answer(ClassifyKafkaFailure.failure(e, topic.servers(), topic.name(),
                    record.key() != null), null));
        }
    }

    /** A failed send's outcome; a timeout asks the cluster whether the topic exists before saying which. */
    private CompletableFuture<Answer> failed(Topic topic, ProducerRecord<byte[], byte[]> record, Exception error) {
        if (!(ClassifyKafkaFailure.unwrap(error) instanceof TimeoutException)) {
            return done(ClassifyKafkaFailure.failure(error, topic.servers(), topic.name(), record.key() != null));
        }
        return describe(topic).handle((found, describeError) -> {
            DeliveryOutcome outcome = ClassifyKafkaFailure.afterTopicCheck(error, describeError, topic.servers(),
                    topic.name());
            if ("TOPIC_NOT_FOUND".equals(outcome.errorCode())) {
                missing.add(topic);
            }
            return new Answer(outcome, null);
        });
    }

    /** The topic's description, or the failure to get it (e.g. {@link UnknownTopicOrPartitionException}). */
    private CompletableFuture<TopicDescription> describe(Topic topic) {
        try {
            return clients.admin(topic.servers())
                    .describeTopics(List.of(topic.name()),
                            new DescribeTopicsOptions().timeoutMs((int) settings.topicCheckTimeout().toMillis()))
                    .topicNameValues().get(topic.name()).toCompletionStage().toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static String response(RecordMetadata metadata, ProducerRecord<byte[], byte[]> record) {
        return JSON.createObjectNode().put("topic", metadata.topic()).put("partition", metadata.partition())
                .put("offset", metadata.offset()).put("keyed", record.key() != null).toString();
    }

    private boolean isShuttingDown() {
        return sends.isShutdown();
    }

    private static Answer shuttingDown() {
        return new Answer(DeliveryOutcome.retryable("KAFKA_ERROR", "Eventbus is shutting down; the record was not"
                + " sent"), null);
    }

    private static CompletableFuture<Answer> done(DeliveryOutcome outcome) {
        return CompletableFuture.completedFuture(new Answer(outcome, null));
    }

    /**
     * Stops taking sends, lets those under way finish, then closes the clients: within {@code close-timeout} in
     * all. A send still waiting for a thread then is answered as not sent (retryable).
     */
    @PreDestroy
    void stop() throws InterruptedException {
        long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
        sends.shutdown();
        try {
            sends.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } finally {
            for (Runnable waiting : sends.shutdownNow()) {
                if (waiting instanceof Send send) {
                    send.answer().complete(shuttingDown());
                }
            }
            clients.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
    }
}
