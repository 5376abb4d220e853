package io.eventbus.control.replay;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eventbus.core.replay.ReplayState;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * A replay as the API shows it, with its progress as the data plane last stored it. Absent values are written as
 * nulls, so clients see every field.
 *
 * @param archive               the archive's name, kept after the archive is deleted
 * @param eventStartTime        the window's start, by event time (inclusive)
 * @param eventEndTime          the window's end (exclusive)
 * @param rules                 the rules replayed into; null: every rule of the bus
 * @param eventsTotal           the archived events in the window; null until a data plane has counted them
 * @param eventsReplayed        archived events gone through, whether or not a chosen rule matched them
 * @param deliveries            the deliveries they made
 * @param eventLastReplayedTime the event time of the last archived event gone through
 * @param replayStartTime       when a data plane started it
 * @param replayEndTime         when it reached a final state
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record Replay(String name, @Schema(nullable = true) String description, String archive, String bus,
              Instant eventStartTime, Instant eventEndTime, @Schema(nullable = true) List<String> rules,
              @Schema(nullable = true) Integer rateLimitPerSecond, ReplayState state,
              @Schema(nullable = true) String stateReason, @Schema(nullable = true) Long eventsTotal,
              long eventsReplayed, long deliveries, @Schema(nullable = true) Instant eventLastReplayedTime,
              Instant createdAt, @Schema(nullable = true) Instant replayStartTime,
              @Schema(nullable = true) Instant replayEndTime) {
}
