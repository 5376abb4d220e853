package io.eventbus.data.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.core.connection.AuthorizationType;

/**
 * A connection as stored; {@code version} changes with every update, so (id, version) names its content.
 *
 * @param encryptedSecret the password, API key value or client secret, as {@code Secrets} stored it
 */
public record StoredConnection(long id, long version, String name, AuthorizationType type, JsonNode parameters,
                               String encryptedSecret) {

    @Override
    public String toString() {
        return "connection " + name + " (" + type + ", version " + version + ")";
    }
}
