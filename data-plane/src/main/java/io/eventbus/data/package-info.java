/**
 * The data plane: the event path from HTTP ingest to delivery outcome, and the consumer side of built-in queues.
 * Its packages read as the path, in order ({@code ingest}, {@code match}, {@code outbox}, {@code deliver},
 * {@code retry}, {@code maintenance}), each with one entry class; beside it, {@code queue} (consumers: send,
 * receive, delete) and {@code auth} (API keys of producers and consumers). Beans here carry
 * {@link io.eventbus.core.role.DataRole}. Never imports the control plane.
 */
package io.eventbus.data;
