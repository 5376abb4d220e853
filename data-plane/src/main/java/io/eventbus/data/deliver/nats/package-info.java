/**
 * The {@code nats} target: a JetStream publish, acknowledged by the stream that takes the subject
 * ({@link io.eventbus.data.deliver.nats.NatsDriver}), over connections pooled per server list and login
 * ({@link io.eventbus.data.deliver.nats.NatsConnections}); what a jnats failure means for the delivery
 * ({@link io.eventbus.data.deliver.nats.ClassifyNatsFailure}). Retries, the circuit breaker and dead-lettering are
 * {@code deliver}'s, around the driver, not here.
 */
package io.eventbus.data.deliver.nats;
