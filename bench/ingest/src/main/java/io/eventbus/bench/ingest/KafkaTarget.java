package io.eventbus.bench.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * A Kafka target: a topic of this run (--kafka-partitions partitions, the broker's replication factor) on the brokers
 * of --kafka-bootstrap, or on a broker started in the bench JVM ({@link EmbeddedKafka}) when that is empty. The
 * topic's end offsets, summed, are what reached the target (the server's producer is idempotent and not
 * transactional: one offset per record). The topic is deleted on close, and the in-process broker stopped.
 */
final class KafkaTarget implements BenchTarget {

    private final EmbeddedKafka broker;
    private final String servers;
    private final AdminClient admin;
    private final String topic;
    private final int partitions;
    private final Cpu cpu;
    private boolean created;

    private KafkaTarget(EmbeddedKafka broker, String servers, AdminClient admin, String topic, int partitions) {
        this.broker = broker;
        this.servers = servers;
        this.admin = admin;
        this.topic = topic;
        this.partitions = partitions;
        if (broker != null) {
            this.cpu = new Cpu(Where.BENCH, "the in-process broker's threads", EmbeddedKafka::cpuNanos);
        } else {
            String first = servers.split(",")[0].trim();
            int colon = first.lastIndexOf(':');
            this.cpu = Cpu.listener("Kafka", first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)));
        }
    }

    static KafkaTarget open(String bootstrap, int partitions, String run, Path dir) throws IOException,
            InterruptedException {
        EmbeddedKafka broker = null;
        String servers = bootstrap.trim();
        if (servers.isEmpty()) {
            long t0 = System.nanoTime();
            broker = EmbeddedKafka.start(dir);
            servers = broker.bootstrapServers();
            Flags.out(String.format(java.util.Locale.ROOT, "   in-process Kafka broker (KRaft) up at %s in %.1f s",
                    servers, (System.nanoTime() - t0) / 1e9));
        }
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        AdminClient admin = AdminClient.create(config);
        KafkaTarget target = new KafkaTarget(broker, servers, admin, "eventbus-bench-" + run, partitions);
        try {
            admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            target.close();
            throw new Unreachable("Kafka at " + servers + " does not answer: " + e);
        }
        try {
            admin.createTopics(List.of(new NewTopic(target.topic, Optional.of(partitions), Optional.empty())))
                    .all().get(30, TimeUnit.SECONDS);
            target.created = true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            target.close();
            throw new IOException("creating Kafka topic " + target.topic + " at " + servers + ": " + e, e);
        }
        return target;
    }

    @Override
    public String kind() {
        return "kafka";
    }

    @Override
    public String describe() {
        return "Kafka at " + servers + (broker != null ? " (in-process KRaft broker)" : "") + ": topic " + topic + ", "
                + partitions + " partition(s)";
    }

    @Override
    public String json() {
        return "{\"id\":\"k\",\"type\":\"kafka\",\"kafka\":{\"bootstrapServers\":" + BenchTarget.quote(servers)
                + ",\"topic\":" + BenchTarget.quote(topic) + "}}";
    }

    @Override
    public long received(PgCeiling pg, long expected) throws Exception {
        return BenchTarget.await(this::records, expected);
    }

    private long records() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        long n = 0;
        for (ListOffsetsResult.ListOffsetsResultInfo info : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)
                .values()) {
            n += info.offset();
        }
        return n;
    }

    @Override
    public Cpu cpu() {
        return cpu;
    }

    @Override
    public void close() {
        if (created) {
            try {
                admin.deleteTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("!! deleting Kafka topic " + topic + ": " + e);
            }
        }
        admin.close(java.time.Duration.ofSeconds(5));
        if (broker != null) {
            broker.close();
        }
    }
}
