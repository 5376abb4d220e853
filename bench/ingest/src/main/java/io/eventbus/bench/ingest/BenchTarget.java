package io.eventbus.bench.ingest;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/**
 * One kind of target of the targets scenario ({@link TargetsBench}): what it needs outside the server (a broker's
 * exchange, stream or topic, made when it is opened and removed when it is closed), what the server needs before the
 * rule (a queue, a bus, a connection), the target's entry in the rule, how many messages reached it, and where its
 * CPU time is counted. Used by the scenario's thread only, apart from {@link Cpu#nanos()}, which the CPU sampler
 * reads.
 */
interface BenchTarget extends AutoCloseable {

    /** The kinds, in the order of the table. */
    List<String> KINDS = List.of("webhook", "queue", "bus", "rabbitmq", "nats", "kafka");

    /** Where a target's CPU time goes. */
    enum Where {
        /** In the server and its postgres (a queue, a bus): nothing of its own. */
        SERVER,
        /** Threads of the bench JVM (the webhook receivers, an in-process Kafka broker): part of the bench's CPU. */
        BENCH,
        /** A process of its own on this machine (the broker): part of the machine's "other" CPU. */
        PROCESS,
        /** Not on this machine, or not found. */
        UNKNOWN
    }

    /** The target's CPU time so far, in nanoseconds, and what that is (for the notes). */
    record Cpu(Where where, String what, LongSupplier nanos) {
        static final Cpu SERVER = new Cpu(Where.SERVER, "in the server", () -> 0);

        /** The process on this machine that listens on host:port, when there is one and /proc shows it. */
        static Cpu listener(String name, String host, int port) {
            return ListeningProcess.of(host, port)
                    .<Cpu>map(pid -> new Cpu(Where.PROCESS, name + " (pid " + pid + ")", () -> CpuUse.processNanos(pid)))
                    .orElseGet(() -> new Cpu(Where.UNKNOWN, name + " at " + host + ":" + port + " (no local process"
                            + " found)", () -> 0));
        }
    }

    /** The target's broker does not answer, or lacks what the target needs: the kind is skipped. */
    final class Unreachable extends IOException {
        private static final long serialVersionUID = 1L;

        Unreachable(String message) {
            super(message);
        }
    }

    String kind();

    /** Where the deliveries go, for the progress lines and notes. */
    String describe();

    /** Creates what the target needs on the server before the rule is put (a queue, a bus, a connection). */
    default void prepare(Admin admin) throws IOException {
    }

    /** The target's entry in the rule's {@code targets}. */
    String json();

    /** From now on the deliveries of these events count there (webhooks: at the receiver); null: stop. */
    default void listen(Arrivals arrivals) {
    }

    /**
     * The messages the target holds (or the webhooks that arrived), waiting a few seconds for {@code expected}; -1
     * when the target cannot tell. pg: the server's database, the server still running.
     */
    long received(PgCeiling pg, long expected) throws Exception;

    Cpu cpu();

    /** Removes what {@link #open} made outside the server; never throws. */
    @Override
    void close();

    /**
     * Opens the target of a kind: sets up its broker, or throws {@link Unreachable} when the broker does not answer.
     * run: a name part no earlier run used (exchanges, streams and topics are left behind when the bench is killed).
     */
    static BenchTarget open(String kind, String run, DeliveryBench bench) throws IOException, InterruptedException {
        Flags f = bench.flags;
        return switch (kind) {
            case "webhook" -> new Webhook(bench);
            case "queue" -> new Queue();
            case "bus" -> new Bus();
            case "rabbitmq" -> RabbitMqTarget.open(f.get("rabbitmq-uri"), run);
            case "nats" -> NatsTarget.open(f.get("nats-servers"), run);
            case "kafka" -> KafkaTarget.open(f.get("kafka-bootstrap"), f.num("kafka-partitions"), run,
                    bench.work.resolve("kafka-" + run));
            default -> throw new IllegalArgumentException("--target-kinds: " + kind + " is none of " + KINDS);
        };
    }

    /** Asks count until it gives at least expected, at most 5 s; returns its last answer. */
    static long await(Callable<Long> count, long expected) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        long n = count.call();
        while (n < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            n = count.call();
        }
        return n;
    }

    /** A JSON string. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** The URI without its user info (a target's address may not carry credentials). */
    static String withoutUserInfo(URI uri) {
        return uri.getRawUserInfo() == null ? uri.toString()
                : uri.toString().replace(uri.getRawUserInfo() + "@", "");
    }

    /**
     * A BASIC connection named {@code name} with the user and password of the URI's user info (user:password), for a
     * broker target's {@code connection}; false when the URI has none (the driver's default login applies).
     */
    static boolean createLogin(Admin admin, String name, URI uri) throws IOException {
        String info = uri.getUserInfo();
        if (info == null) {
            return false;
        }
        int colon = info.indexOf(':');
        String user = colon < 0 ? info : info.substring(0, colon);
        String password = colon < 0 ? "" : info.substring(colon + 1);
        admin.create("/v1/connections", "{\"name\":" + quote(name) + ",\"authorizationType\":\"BASIC\","
                + "\"authParameters\":{\"basic\":{\"username\":" + quote(user) + ",\"password\":" + quote(password)
                + "}}}");
        return true;
    }

    /** A count from the server's database: one row, one column, one text parameter. */
    static long count(PgCeiling pg, String sql, String parameter) throws Exception {
        try (Connection c = pg.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Webhooks to receiver 0 of the bench, signed, as in the drain: the figure to compare the others with. */
    final class Webhook implements BenchTarget {
        private final DeliveryBench bench;
        private Arrivals arrivals;

        Webhook(DeliveryBench bench) {
            this.bench = bench;
        }

        @Override
        public String kind() {
            return "webhook";
        }

        @Override
        public String describe() {
            return "webhook to " + bench.receiver.url(0) + " (signed), the bench's receiver";
        }

        @Override
        public String json() {
            return bench.webhook(0);
        }

        @Override
        public void listen(Arrivals a) {
            arrivals = a;
            bench.receiver.track(a);
        }

        @Override
        public long received(PgCeiling pg, long expected) throws Exception {
            Arrivals a = arrivals;
            Thread.sleep(500); // room for duplicates
            return a == null ? -1 : a.arrived() + a.strays(); // strays: the probes, which carry no seq
        }

        @Override
        public Cpu cpu() {
            return new Cpu(Where.BENCH, "the receivers' threads", Receiver::cpuNanos);
        }

        @Override
        public void close() {
            bench.receiver.track(null);
        }
    }

    /** An Eventbus queue of the server: the message is written in the transaction that records the outcome. */
    final class Queue implements BenchTarget {
        @Override
        public String kind() {
            return "queue";
        }

        @Override
        public String describe() {
            return "queue " + DeliveryBench.QUEUE + " of the server";
        }

        @Override
        public void prepare(Admin admin) throws IOException {
            admin.create("/v1/queues", "{\"name\":\"" + DeliveryBench.QUEUE + "\"}");
        }

        @Override
        public String json() {
            return "{\"id\":\"q\",\"type\":\"queue\",\"queue\":{\"name\":\"" + DeliveryBench.QUEUE + "\"}}";
        }

        @Override
        public long received(PgCeiling pg, long expected) throws Exception {
            return await(() -> count(pg, "SELECT count(*) FROM queue_message m JOIN queue q ON q.id = m.queue_id"
                    + " WHERE q.name = ?", DeliveryBench.QUEUE), expected);
        }

        @Override
        public Cpu cpu() {
            return Cpu.SERVER;
        }

        @Override
        public void close() {
        }
    }

    /** Another bus of the server, without rules: each delivery puts the event on it through ingest's path. */
    final class Bus implements BenchTarget {
        static final String OTHER = "dl-other";

        @Override
        public String kind() {
            return "bus";
        }

        @Override
        public String describe() {
            return "bus " + OTHER + " of the server (no rules)";
        }

        @Override
        public void prepare(Admin admin) throws IOException {
            admin.create("/v1/buses", "{\"name\":\"" + OTHER + "\",\"description\":\"delivery bench: bus target\"}");
        }

        @Override
        public String json() {
            return "{\"id\":\"b\",\"type\":\"bus\",\"bus\":{\"name\":\"" + OTHER + "\"}}";
        }

        @Override
        public long received(PgCeiling pg, long expected) throws Exception {
            return await(() -> count(pg, "SELECT count(*) FROM event e JOIN bus b ON b.id = e.bus_id WHERE b.name = ?",
                    OTHER), expected);
        }

        @Override
        public Cpu cpu() {
            return Cpu.SERVER;
        }

        @Override
        public void close() {
        }
    }
}
