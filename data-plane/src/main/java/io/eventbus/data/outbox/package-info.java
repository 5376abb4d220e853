/**
 * Stage 3 of the event path: the transactional outbox. {@link io.eventbus.data.outbox.Outbox} is the seam
 * ingestion and delivery use; {@code PostgresOutbox} stores events and their deliveries in one transaction with
 * group commit. Matching and HTTP do not belong here.
 */
package io.eventbus.data.outbox;
