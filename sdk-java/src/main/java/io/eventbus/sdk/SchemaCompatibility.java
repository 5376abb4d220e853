package io.eventbus.sdk;

/**
 * Which new versions of a schema are accepted, with Confluent Schema Registry's meaning: BACKWARD, a consumer
 * with the new version reads events valid under the latest one; FORWARD, a consumer with the latest reads events
 * valid under the new one; FULL, both; the {@code _TRANSITIVE} forms check every earlier version, not only the
 * latest; NONE accepts any version.
 */
public enum SchemaCompatibility {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE
}
