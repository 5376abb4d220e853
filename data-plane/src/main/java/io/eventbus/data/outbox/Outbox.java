package io.eventbus.data.outbox;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The durable log of accepted events and their pending deliveries (the transactional outbox). Ingestion and
 * delivery talk to this seam, never to its tables, so the log can move (to Kafka, past one PostgreSQL's write
 * rate) without touching them. Implementations are thread-safe.
 */
public interface Outbox {

    /**
     * Stores the events and their deliveries atomically. The future completes only after they are durable
     * (committed), in the order of {@code events}; it fails when they could not be stored, and then none was.
     */
    CompletableFuture<List<Appended>> append(List<NewEvent> events);
}
