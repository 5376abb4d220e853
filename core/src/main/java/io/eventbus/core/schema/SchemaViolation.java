package io.eventbus.core.schema;

import java.util.Objects;

/**
 * One reason an event's {@code detail} does not match its schema. Immutable, thread-safe.
 *
 * @param pointer a JSON pointer into the detail, e.g. {@code /customer/id}; {@code ""} is the detail itself
 * @param message the reason, e.g. {@code required property 'customer' is missing}
 */
public record SchemaViolation(String pointer, String message) {

    public SchemaViolation {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }
}
