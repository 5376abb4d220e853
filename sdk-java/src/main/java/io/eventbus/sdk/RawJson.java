package io.eventbus.sdk;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;

/**
 * Reads a JSON value of an answer (an event pattern, a target's constant input) as its JSON text, so that the
 * SDK's public records hold {@code String}s rather than Jackson's trees. Stateless, thread-safe.
 */
final class RawJson extends JsonDeserializer<String> {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonNode value = parser.readValueAsTree();
        return value == null || value.isNull() ? null : Json.MAPPER.writeValueAsString(value);
    }
}
