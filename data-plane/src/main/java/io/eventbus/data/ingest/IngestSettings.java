package io.eventbus.data.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Ingestion settings ({@code eventbus.ingest.*}, e.g. {@code EVENTBUS_INGEST_MAX_ENTRIES_PER_REQUEST}). The
 * request body limit is the server's ({@code micronaut.server.max-request-size}, 1 MiB); JSON nesting is limited
 * to 1,000 levels by the JSON reader.
 *
 * @param account              the {@code account} of every event envelope (default {@code 000000000000})
 * @param region               the {@code region} of every event envelope (default {@code local})
 * @param maxEntriesPerRequest entries in one request (default 100; EventBridge: 10)
 * @param maxEntryBytes        bytes of one entry's JSON (default 262,144: EventBridge's 256 KiB)
 * @param apiKeyCacheSeconds   how long a looked-up API key is trusted before it is read again; a revoked key
 *                             stops working within this time (default 5)
 */
@ConfigurationProperties(IngestSettings.PREFIX)
public record IngestSettings(
        @Bindable(defaultValue = "000000000000") String account,
        @Bindable(defaultValue = "local") String region,
        @Bindable(defaultValue = "100") int maxEntriesPerRequest,
        @Bindable(defaultValue = "262144") int maxEntryBytes,
        @Bindable(defaultValue = "5") int apiKeyCacheSeconds) {

    public static final String PREFIX = "eventbus.ingest";
}
