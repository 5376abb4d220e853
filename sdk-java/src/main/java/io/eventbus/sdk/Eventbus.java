package io.eventbus.sdk;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A client of one Eventbus, with one credential: an API key (puts events on its buses, consumes its queues) or the
 * admin token (everything). Thread-safe: build one and share it.
 *
 * <pre>{@code
 * Eventbus eventbus = Eventbus.builder()
 *         .endpoint(URI.create("http://localhost:8080"))
 *         .apiKey(System.getenv("EVENTBUS_API_KEY"))
 *         .build();
 * PutEventsResult result = eventbus.putEvents("orders", List.of(order));
 * }</pre>
 */
public final class Eventbus {

    /** Entries in one put: the server's default limit. */
    public static final int MAX_ENTRIES_PER_PUT = 100;

    private final Transport transport;

    private Eventbus(Transport transport) {
        this.transport = transport;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Puts {@code events} (1 to {@value #MAX_ENTRIES_PER_PUT}) on {@code bus} and answers once they are stored. Each
     * entry succeeds or fails on its own: look at {@link PutEventsResult#failedEntryCount()}. A request refused as a
     * whole (an unknown bus, a key without that bus) throws an {@link EventbusException}, as does a request that got
     * no answer: then some events may have been stored; put them again only with idempotency keys.
     */
    public PutEventsResult putEvents(String bus, List<Event> events) {
        return transport.send("POST", eventsPath(bus, events), PutEventsBody.of(events), PutEventsResult.class);
    }

    /**
     * {@link #putEvents} without blocking: the future fails with an {@link EventbusException}. Each put in flight
     * waits for its answer on one of the SDK's own threads (reused, daemon), where the future's dependent stages
     * then run; keep them short or use the {@code ...Async} variants.
     */
    public CompletableFuture<PutEventsResult> putEventsAsync(String bus, List<Event> events) {
        return transport.sendAsync("POST", eventsPath(bus, events), PutEventsBody.of(events), PutEventsResult.class);
    }

    /**
     * Puts {@code events} (1 to {@value #MAX_ENTRIES_PER_PUT}) as CloudEvents 1.0 in one batch
     * ({@code application/cloudevents-batch+json}) on {@code bus}, and answers once they are stored, one entry per
     * event, in order; each event succeeds or fails on its own, as with {@link #putEvents}. An event with the same
     * source and id as one put before stores nothing new and answers the first event's id, so a put that got no
     * answer may be sent again as it was.
     */
    public PutEventsResult putCloudEvents(String bus, List<CloudEvent> events) {
        if (events.isEmpty() || events.size() > MAX_ENTRIES_PER_PUT) {
            throw new IllegalArgumentException("a put takes 1 to " + MAX_ENTRIES_PER_PUT + " events, not "
                    + events.size());
        }
        String path = "/v1/buses/" + Transport.segment(bus) + "/cloudevents";
        String batch = Json.write(events.stream().map(CloudEvent::toJson).toList());
        return transport.exchange("POST", path, "application/cloudevents-batch+json", batch, Map.of(),
                PutEventsResult.class).body();
    }

    /** The admin API: buses, rules, API keys, queues, connections and the sandboxes. Needs the admin token. */
    public Admin admin() {
        return new Admin(transport);
    }

    /**
     * A consumer of {@code queue} that hands each message to {@code handler}, with the
     * {@link QueueConsumerOptions#defaults() default options}; call {@link QueueConsumer#start()} to begin and
     * {@link QueueConsumer#close()} to end. The credential must be an API key whose {@code queues} hold the queue.
     */
    public QueueConsumer queueConsumer(String queue, MessageHandler handler) {
        return queueConsumer(queue, handler, QueueConsumerOptions.defaults());
    }

    /** {@link #queueConsumer(String, MessageHandler)} with {@code options}. */
    public QueueConsumer queueConsumer(String queue, MessageHandler handler, QueueConsumerOptions options) {
        return new QueueConsumer(transport, queue, handler, options);
    }

    /**
     * A {@link Publisher} of events to {@code bus} with the default {@link PublisherOptions}: batches, buffers and
     * retries in the background, without ever storing an event twice. Close it to deliver what it accepted.
     */
    public Publisher publisher(String bus) {
        return publisher(bus, PublisherOptions.DEFAULTS);
    }

    /** A {@link Publisher} of events to {@code bus} with {@code options}. */
    public Publisher publisher(String bus, PublisherOptions options) {
        return new Publisher(this, bus, options);
    }

    Transport transport() {
        return transport;
    }

    private static String eventsPath(String bus, List<Event> events) {
        if (events.isEmpty() || events.size() > MAX_ENTRIES_PER_PUT) {
            throw new IllegalArgumentException("a put takes 1 to " + MAX_ENTRIES_PER_PUT + " events, not "
                    + events.size());
        }
        return "/v1/buses/" + Transport.segment(bus) + "/events";
    }

    /** Builds an {@link Eventbus}: the endpoint and one credential are required. Not thread-safe. */
    public static final class Builder {

        private URI endpoint;
        private String token;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** Where Eventbus answers, e.g. {@code http://localhost:8080} (the data plane's address for putting events). */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** An API key ({@code eb_key_...}): puts events on its buses and consumes its queues. */
        public Builder apiKey(String apiKey) {
            this.token = apiKey;
            return this;
        }

        /** The admin token: administers everything, and may put events on any bus. */
        public Builder adminToken(String adminToken) {
            this.token = adminToken;
            return this;
        }

        /** How long to wait for a connection (default 5 s). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /**
         * How long to wait for an answer (default 30 s); a queue receive's long poll waits longer by its own wait
         * time.
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Eventbus build() {
            Objects.requireNonNull(endpoint, "endpoint");
            if (token == null || token.isBlank()) {
                throw new IllegalStateException("an API key or the admin token is required");
            }
            return new Eventbus(new Transport(endpoint, token, connectTimeout, requestTimeout));
        }
    }
}
