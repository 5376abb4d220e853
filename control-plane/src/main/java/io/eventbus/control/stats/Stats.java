package io.eventbus.control.stats;

import java.time.Instant;
import java.util.List;

/**
 * Counts per time bucket, oldest first, every bucket present (zeros included). {@code bus} is absent for all
 * buses. Failed attempts are kept as long as the attempt log (7 days).
 */
public record Stats(String bus, Instant from, Instant to, long bucketSeconds, List<Bucket> buckets) {

    public record Bucket(Instant start, long eventsIn, long delivered, long deadLettered, long failedAttempts) {
    }
}
