/**
 * The {@code bus} target: forwarding an event to another bus of this installation
 * ({@link io.eventbus.data.deliver.bus.BusDriver}).
 */
package io.eventbus.data.deliver.bus;
