package io.eventbus.bench.ingest;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A NATS target: a JetStream stream of this run (file storage) on a subject of this run, on the servers of
 * --nats-servers (user info in the first URL becomes a BASIC connection of the server). The stream's message count is
 * what reached the target. The stream is deleted on close.
 */
final class NatsTarget implements BenchTarget {

    private static final String LOGIN = "bench-nats";

    private final URI first;
    private final String servers;
    private final Connection connection;
    private final JetStreamManagement streams;
    private final String stream;
    private final String subject;
    private final Cpu cpu;
    private boolean login;

    private NatsTarget(URI first, String servers, Connection connection, JetStreamManagement streams, String run) {
        this.first = first;
        this.servers = servers;
        this.connection = connection;
        this.streams = streams;
        this.stream = "EVENTBUS_BENCH_" + run.toUpperCase(java.util.Locale.ROOT);
        this.subject = "eventbus.bench." + run;
        this.cpu = Cpu.listener("nats-server", first.getHost(), first.getPort() < 0 ? 4222 : first.getPort());
    }

    static NatsTarget open(String address, String run) throws IOException, InterruptedException {
        String[] urls = Arrays.stream(address.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toArray(String[]::new);
        if (urls.length == 0) {
            throw new IllegalArgumentException("--nats-servers is empty");
        }
        URI first = URI.create(urls[0]);
        String servers = Arrays.stream(urls).map(u -> BenchTarget.withoutUserInfo(URI.create(u)))
                .collect(Collectors.joining(","));
        Options options = new Options.Builder().servers(urls).connectionName("eventbus-delivery-bench")
                .connectionTimeout(Duration.ofSeconds(3)).noReconnect()
                .errorListener(new ErrorListener() { }).build(); // failures come back as exceptions: no log lines
        Connection connection;
        try {
            connection = Nats.connect(options);
        } catch (IOException e) {
            throw new Unreachable("NATS at " + servers + " does not answer: " + e);
        }
        NatsTarget target = new NatsTarget(first, servers, connection, connection.jetStreamManagement(), run);
        try {
            target.streams.addStream(StreamConfiguration.builder().name(target.stream).subjects(target.subject)
                    .storageType(StorageType.File).build());
        } catch (IOException | JetStreamApiException e) {
            target.close();
            throw new Unreachable("NATS at " + servers + " could not make JetStream stream " + target.stream
                    + " (is JetStream on? nats-server -js): " + e);
        }
        return target;
    }

    @Override
    public String kind() {
        return "nats";
    }

    @Override
    public String describe() {
        return "NATS at " + servers + ": subject " + subject + " of JetStream stream " + stream + " (file storage)";
    }

    @Override
    public void prepare(Admin admin) throws IOException {
        login = BenchTarget.createLogin(admin, LOGIN, first);
    }

    @Override
    public String json() {
        return "{\"id\":\"n\",\"type\":\"nats\",\"nats\":{\"servers\":" + BenchTarget.quote(servers)
                + ",\"subject\":" + BenchTarget.quote(subject) + (login ? ",\"connection\":\"" + LOGIN + "\"" : "")
                + "}}";
    }

    @Override
    public long received(PgCeiling pg, long expected) throws Exception {
        return BenchTarget.await(() -> streams.getStreamInfo(stream).getStreamState().getMsgCount(), expected);
    }

    @Override
    public Cpu cpu() {
        return cpu;
    }

    @Override
    public void close() {
        try {
            streams.deleteStream(stream);
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("not found")) {
                System.err.println("!! removing NATS stream " + stream + ": " + e);
            }
        }
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
