package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;

/**
 * A replay as the admin API shows it, with its progress as the data plane last stored it. Immutable.
 *
 * @param archive               the archive's name (kept after the archive is deleted)
 * @param bus                   the archive's bus, whose rules the events go through
 * @param eventStartTime        the window's start, by event time (inclusive)
 * @param eventEndTime          the window's end (exclusive)
 * @param rules                 the rules replayed into; null: every rule of the bus
 * @param rateLimitPerSecond    archived events per second at most; null: the server's default
 * @param stateReason           why it is in its state (e.g. what made it fail), or null
 * @param eventsTotal           the archived events in the window; null until a data plane has counted them
 * @param eventsReplayed        the archived events gone through, whether or not a rule matched them
 * @param deliveries            the deliveries they made
 * @param eventLastReplayedTime the event time of the last archived event gone through; null before the first
 * @param replayStartTime       when a data plane started it; null before
 * @param replayEndTime         when it reached a final state; null before
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReplayInfo(String name, String description, String archive, String bus, Instant eventStartTime,
                         Instant eventEndTime, List<String> rules, Integer rateLimitPerSecond, ReplayState state,
                         String stateReason, Long eventsTotal, long eventsReplayed, long deliveries,
                         Instant eventLastReplayedTime, Instant createdAt, Instant replayStartTime,
                         Instant replayEndTime) {

    public ReplayInfo {
        rules = rules == null ? null : List.copyOf(rules);
    }
}
