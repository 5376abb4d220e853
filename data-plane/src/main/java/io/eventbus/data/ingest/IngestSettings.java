package io.eventbus.data.ingest;

import io.eventbus.core.setting.Require;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Ingestion settings ({@code eventbus.ingest.*}, e.g. {@code EVENTBUS_INGEST_MAX_ENTRIES_PER_REQUEST}). The
 * request body limit is the server's ({@code micronaut.server.max-request-size}, 1 MiB); JSON nesting is limited
 * to 1,000 levels by the JSON reader. The envelope's account and region are the installation's
 * ({@link io.eventbus.core.installation.Installation}, set as {@code EVENTBUS_INGEST_ACCOUNT} and {@code _REGION}).
 *
 * @param maxEntriesPerRequest entries in one request (default 100; EventBridge: 10)
 * @param maxEntryBytes        bytes of one entry's JSON (default 262,144: EventBridge's 256 KiB)
 * @param apiKeyCacheSeconds   how long a looked-up API key is trusted before it is read again; a revoked key
 *                             stops working within this time (default 5)
 */
@Context
@ConfigurationProperties(IngestSettings.PREFIX)
public record IngestSettings(
        @Bindable(defaultValue = "100") int maxEntriesPerRequest,
        @Bindable(defaultValue = "262144") int maxEntryBytes,
        @Bindable(defaultValue = "5") int apiKeyCacheSeconds) {

    public static final String PREFIX = "eventbus.ingest";

    public IngestSettings {
        Require.between(PREFIX + ".max-entries-per-request", maxEntriesPerRequest, 1, 10_000);
        Require.between(PREFIX + ".max-entry-bytes", maxEntryBytes, 1, 16 * 1024 * 1024);
        Require.between(PREFIX + ".api-key-cache-seconds", apiKeyCacheSeconds, 0, 3600);
    }
}
