/**
 * The data plane: the event path from HTTP ingest to delivery outcome. Its packages read as the path, in
 * order ({@code ingest}, {@code match}, {@code outbox}, {@code deliver}, {@code retry}, {@code maintenance}),
 * each with one entry class. Beans here carry {@link io.eventbus.core.role.DataRole}. Never imports the
 * control plane.
 */
package io.eventbus.data;
