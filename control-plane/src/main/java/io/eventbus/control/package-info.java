/**
 * The control plane: the admin API under {@code /v1} and what it manages (buses, rules, targets, API keys,
 * queues, ...), packaged by feature. Beans here carry {@link io.eventbus.core.role.ControlRole}. Never imports
 * the data plane.
 */
package io.eventbus.control;
