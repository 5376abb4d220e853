package io.eventbus.core.schema;

/**
 * How a new version of a schema must relate to the earlier ones, with Confluent Schema Registry's meaning.
 *
 * <ul>
 *   <li>{@link #BACKWARD}: consumers using the new schema can read data written with the latest earlier one (every
 *       document valid under the old schema is valid under the new one).</li>
 *   <li>{@link #FORWARD}: consumers still using the latest earlier schema can read data written with the new one
 *       (every document valid under the new schema is valid under the old one).</li>
 *   <li>{@link #FULL}: both.</li>
 *   <li>The {@code _TRANSITIVE} variants check against every earlier version, not only the latest.</li>
 *   <li>{@link #NONE}: no check.</li>
 * </ul>
 */
public enum Compatibility {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

    /** Whether the check runs against every earlier version, not only the latest. */
    public boolean transitive() {
        return this == BACKWARD_TRANSITIVE || this == FORWARD_TRANSITIVE || this == FULL_TRANSITIVE;
    }

    /** Whether data written with the old schema must be readable with the new one. */
    boolean backward() {
        return this == BACKWARD || this == BACKWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
    }

    /** Whether data written with the new schema must be readable with the old one. */
    boolean forward() {
        return this == FORWARD || this == FORWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
    }
}
