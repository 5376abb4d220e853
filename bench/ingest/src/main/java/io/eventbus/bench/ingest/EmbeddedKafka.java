package io.eventbus.bench.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A single-node Kafka (KRaft, broker and controller in one) in the bench JVM, on 127.0.0.1 with two free ports, its
 * logs in a directory of the bench's work directory, topics created only when asked (auto-create off). For the kafka
 * target when no --kafka-bootstrap is given. Its CPU is the bench JVM's threads but the bench's own
 * ({@link #cpuNanos()}). Start and close from one thread.
 */
final class EmbeddedKafka implements AutoCloseable {

    private static final int NODE_ID = 1;
    /** Threads of the bench itself, not of the broker (see {@link #cpuNanos()}). */
    private static final List<String> BENCH_THREADS = List.of("main", "cpu-sampler", "targets-poll", "load-",
            "bench-receiver", "HTTP-Dispatcher", "rules-", "stop-servers", "kafka-admin-client");

    private final Path dir;
    private final int brokerPort;
    private final KafkaRaftServer server;

    private EmbeddedKafka(Path dir, int brokerPort, KafkaRaftServer server) {
        this.dir = dir;
        this.brokerPort = brokerPort;
        this.server = server;
    }

    /** Formats dir and starts the broker; returns once it answers an admin client. */
    static EmbeddedKafka start(Path dir) throws IOException {
        Files.createDirectories(dir);
        int brokerPort = freePort();
        int controllerPort = freePort();
        String logDir = dir.toString();
        Map<String, Object> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir);
        // one node: every internal topic with one replica; the idempotent producer's state lives in the
        // transaction log's settings too
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("auto.create.topics.enable", "false");
        KafkaConfig config = new KafkaConfig(p, false);
        try {
            new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream())).setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString()).setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(logDir).setDirectories(List.of(logDir)).run();
        } catch (Exception e) {
            throw new IOException("formatting the Kafka log directory " + dir + ": " + e, e);
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup(); // returns once the broker is registered and unfenced
        EmbeddedKafka kafka = new EmbeddedKafka(dir, brokerPort, server);
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()))) {
            admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            kafka.close();
            throw new IOException("the in-process Kafka broker did not answer within 30 s: " + e, e);
        }
        return kafka;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /**
     * CPU time so far of the bench JVM's threads that are not the bench's own (load generator, receivers, samplers,
     * admin clients), in nanoseconds: the broker's threads. The JVM's GC and compiler threads are not Java threads and
     * stay in the bench's figure.
     */
    static long cpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && BENCH_THREADS.stream().noneMatch(info.getThreadName()::startsWith)) {
                total += Math.max(0, mx.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /** Stops the broker and removes its directory. */
    @Override
    public void close() {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            System.err.println("!! stopping the in-process Kafka broker: " + e);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // the work directory goes with the run
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
