/**
 * The {@code kafka} target: producing an event to a Kafka topic ({@link io.eventbus.data.deliver.kafka.KafkaDriver}),
 * with the producers and admin clients it shares per bootstrap list ({@code KafkaClients}) and what a failed send
 * means for the delivery ({@code ClassifyKafkaFailure}). Retries, the circuit breaker, the rate limit and
 * dead-lettering are not here: they are around every driver, in {@code deliver}.
 */
package io.eventbus.data.deliver.kafka;
