/**
 * Stage 3 of the event path: the transactional outbox. {@link io.eventbus.data.outbox.Outbox} is the seam
 * ingestion, delivery and replays use; {@code PostgresOutbox} stores events, their archived copies and their
 * deliveries in one transaction with group commit, and a replay's page with the replay's new position in one
 * transaction ({@code WriteReplayPage}). Matching and HTTP do not belong here.
 */
package io.eventbus.data.outbox;
