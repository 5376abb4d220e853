package io.eventbus.sdk;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A replay as {@link Replays#start(ReplayRequest)} starts it: the archived events of {@code archive} whose event
 * time is in [{@code eventStartTime}, {@code eventEndTime}) go through the rules of the archive's bus again. Make one
 * with {@link #of} and the {@code with...} methods. Immutable.
 *
 * @param description        null: none
 * @param eventStartTime     the window's start, by event time, inclusive
 * @param eventEndTime       the window's end, exclusive; after the start
 * @param rules              the rules of the bus to replay into; null: every rule
 * @param rateLimitPerSecond archived events per second at most, 1 to 1,000,000; null: the server's default (1,500/s unless its data planes set EVENTBUS_REPLAY_DEFAULT_RATE_LIMIT)
 */
public record ReplayRequest(String name, String archive, String description, Instant eventStartTime,
                            Instant eventEndTime, List<String> rules, Integer rateLimitPerSecond) {

    public ReplayRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(eventStartTime, "eventStartTime");
        Objects.requireNonNull(eventEndTime, "eventEndTime");
        rules = rules == null ? null : List.copyOf(rules);
    }

    /** Replay {@code name} of the events of {@code archive} from {@code from} (inclusive) to {@code to} (exclusive). */
    public static ReplayRequest of(String name, String archive, Instant from, Instant to) {
        return new ReplayRequest(name, archive, null, from, to, null, null);
    }

    public ReplayRequest withDescription(String value) {
        return new ReplayRequest(name, archive, value, eventStartTime, eventEndTime, rules, rateLimitPerSecond);
    }

    /** Into these rules of the bus only (null: every rule); each must exist. */
    public ReplayRequest withRules(List<String> value) {
        return new ReplayRequest(name, archive, description, eventStartTime, eventEndTime, value, rateLimitPerSecond);
    }

    /** At most {@code value} archived events per second (null: no limit of its own). */
    public ReplayRequest withRateLimitPerSecond(Integer value) {
        return new ReplayRequest(name, archive, description, eventStartTime, eventEndTime, rules, value);
    }

    Map<String, Object> body() {
        return AdminHttp.body("name", name, "archive", archive, "description", description,
                "eventStartTime", eventStartTime, "eventEndTime", eventEndTime, "rules", rules,
                "rateLimitPerSecond", rateLimitPerSecond);
    }
}
