package io.eventbus.data.outbox;

/**
 * What one attempt looked like, kept with its outcome for the event explorer.
 *
 * @param status    the HTTP status, or null without an answer (or for a non-HTTP target)
 * @param response  the first KiB of the answer, or null
 */
public record AttemptLog(Integer status, long latencyMillis, String error, String response) {

    public static final int MAX_RESPONSE_CHARS = 1024;
}
