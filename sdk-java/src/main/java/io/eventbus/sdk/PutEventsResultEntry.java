package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The outcome of one entry of a put, in the order of the request: the stored event's {@link #eventId()}, or the
 * {@link #errorCode()} and {@link #errorMessage()} (and, when the error is about one field, its
 * {@link #errorLocation()}) of an entry that was refused.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PutEventsResultEntry(String eventId, String errorCode, String errorMessage, String errorLocation) {

    /** Whether the entry was stored. */
    public boolean isSuccess() {
        return eventId != null;
    }
}
