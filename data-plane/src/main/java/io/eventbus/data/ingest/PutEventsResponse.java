package io.eventbus.data.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.UUID;

/**
 * The answer to a put: one result per entry, in request order; a refused entry has {@code errorCode} and
 * {@code errorMessage} instead of {@code eventId}.
 */
public record PutEventsResponse(int failedEntryCount, List<Result> entries) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(UUID eventId, String errorCode, String errorMessage) {

        static Result accepted(UUID id) {
            return new Result(id, null, null);
        }

        static Result refused(EntryError error) {
            return new Result(null, error.errorCode(), error.errorMessage());
        }
    }
}
