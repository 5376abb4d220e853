/**
 * The {@code rabbitmq} target: confirmed publishes to RabbitMQ exchanges
 * ({@link io.eventbus.data.deliver.rabbitmq.RabbitMqDriver}).
 */
package io.eventbus.data.deliver.rabbitmq;
