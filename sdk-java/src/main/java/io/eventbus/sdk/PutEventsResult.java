package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * What a put answered: one {@link PutEventsResultEntry} per entry, in the order they were sent, and how many of them
 * failed. Entries that did not fail are stored durably; failed ones were not stored and may be corrected and sent
 * again.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PutEventsResult(int failedEntryCount, List<PutEventsResultEntry> entries) {

    public PutEventsResult {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }
}
