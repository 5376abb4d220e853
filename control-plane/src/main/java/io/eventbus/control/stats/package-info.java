/**
 * Time-bucketed counts for the console's overview: events in, deliveries delivered and dead-lettered, failed
 * attempts, per bus or for all. Read-only queries over the event, delivery and attempt tables.
 */
package io.eventbus.control.stats;
