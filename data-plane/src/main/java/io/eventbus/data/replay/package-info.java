/**
 * Replays: a data plane takes a replay the control plane created (a lease on its row), reads its archive's events of
 * the window page by page in event-time order, sends each again through the chosen rules of the bus, and stores each
 * page's events and deliveries together with the replay's new position (through the outbox). Paced by the delivery
 * workers' spare room (and the replay's own rate limit), so live traffic keeps its latency. Archiving itself happens
 * at ingest ({@code outbox}); creating replays is the control plane's.
 */
package io.eventbus.data.replay;
