package io.eventbus.data.ingest.cloudevents;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An event's {@code data} as read, before it is turned into {@code detail}: none, a JSON value, or bytes with the
 * content type they came with. Immutable by convention (the node and the array are never changed after reading);
 * confined to the thread reading one request.
 */
sealed interface EventData permits EventData.None, EventData.Json, EventData.Bytes {

    None NONE = new None();

    /** The event carries no data. */
    record None() implements EventData {
    }

    /** JSON data: {@code data} under a JSON (or absent) {@code datacontenttype}, or a binary-mode JSON body. */
    record Json(JsonNode value) implements EventData {
    }

    /**
     * Data that is not JSON ({@code data_base64}, string {@code data} of a non-JSON type, a non-JSON binary body).
     *
     * @param contentType the event's {@code datacontenttype}, or {@code null} when it has none
     */
    record Bytes(byte[] value, String contentType) implements EventData {
    }
}
