package io.eventbus.data.replay;

import io.eventbus.core.replay.ReplayState;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A replay this process holds the lease of, as it was when taken.
 *
 * @param archiveId     null when the archive was deleted
 * @param rules         the rules to replay into; null for every rule of the bus
 * @param rateLimit     events per second at most; null for no limit of its own
 * @param eventsTotal   null until counted
 * @param positionTime  null before the first page; with {@code positionId}, the last archived event gone through
 */
record ClaimedReplay(long id, String name, long busId, String bus, Long archiveId, Instant start, Instant end,
                     Set<String> rules, Integer rateLimit, ReplayState state, Long eventsTotal, Instant positionTime,
                     UUID positionId) {
}
