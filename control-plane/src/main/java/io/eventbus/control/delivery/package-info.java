/**
 * Deliveries as operators act on them: {@code POST /v1/deliveries/{id}:retry} sends a delivery that did not get
 * through again, as a new attempt of the same delivery. Reading deliveries stays with the event they belong to
 * ({@link io.eventbus.control.explorer}).
 */
package io.eventbus.control.delivery;
