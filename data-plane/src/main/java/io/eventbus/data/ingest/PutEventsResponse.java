package io.eventbus.data.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.UUID;

/**
 * The answer to a put: one result per entry, in request order; a refused entry has {@code errorCode} and
 * {@code errorMessage} instead of {@code eventId}, and {@code errorLocation} when the error is about one field of
 * the entry (e.g. {@code detail}, {@code resources[2]}).
 */
public record PutEventsResponse(int failedEntryCount, List<Result> entries) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(UUID eventId, String errorCode, String errorMessage, String errorLocation) {

        static Result accepted(UUID id) {
            return new Result(id, null, null, null);
        }

        static Result refused(EntryError error) {
            return new Result(null, error.errorCode(), error.errorMessage(), error.location());
        }
    }
}
