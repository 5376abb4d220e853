/**
 * Target health: for each target of each rule of a bus, over a recent window, how its deliveries went (delivered,
 * failed attempts, dead-lettered, still pending, success rate, attempt latency, the last error) and whether an open
 * circuit holds its deliveries back, with a verdict an operator reads at a glance
 * ({@code GET /v1/buses/{bus}/target-health}).
 */
package io.eventbus.control.health;
