package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.UUID;

/**
 * What {@link Queues#redrive} did: the dead letter {@code messageId} became a new delivery {@code deliveryId} of
 * its event to {@code target} of rule {@code rule} on {@code bus}, and was deleted from the queue. Immutable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Redriven(UUID messageId, UUID deliveryId, String bus, String rule, String target) {
}
