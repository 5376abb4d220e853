package io.eventbus.data.outbox;

import java.time.Instant;

/**
 * What one attempt looked like, kept with its outcome for the event explorer.
 *
 * @param status    the HTTP status, or null without an answer (or for a non-HTTP target)
 * @param response  the first KiB of the answer, or null
 * @param sentAt    when the request went out (its {@code webhook-timestamp}); null for an attempt that sent nothing,
 *                  which is then logged at the time it is recorded
 */
public record AttemptLog(Integer status, long latencyMillis, String error, String response, Instant sentAt) {

    public static final int MAX_RESPONSE_CHARS = 1024;

    /** An attempt that sent nothing, or whose sending time does not matter. */
    public AttemptLog(Integer status, long latencyMillis, String error, String response) {
        this(status, latencyMillis, error, response, null);
    }
}
