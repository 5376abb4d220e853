package io.eventbus.data.outbox;

import java.util.UUID;

/**
 * The outcome of appending one event: its id, or, for an idempotency key seen on the bus within 24 h, the id of
 * the first event with that key ({@code duplicate}: nothing new was stored).
 */
public record Appended(UUID eventId, boolean duplicate) {
}
