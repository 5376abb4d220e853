/**
 * Stage 3 of the event path: the transactional outbox. {@link io.eventbus.data.outbox.Outbox} is the seam
 * ingestion, delivery and replays use; {@code PostgresOutbox} stores events, their archived copies and their
 * deliveries with one statement per group-commit batch ({@code WriteBatch}), and a replay's page with the replay's
 * new position in one transaction ({@code WriteReplayPage}); {@code Transactions} holds its two kinds of
 * transaction (durable, and without waiting for the WAL flush). Matching and HTTP do not belong here.
 */
package io.eventbus.data.outbox;
