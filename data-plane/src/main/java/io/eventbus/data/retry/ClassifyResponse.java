package io.eventbus.data.retry;

import io.eventbus.data.egress.EgressRefused;

import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * The one place that decides what an HTTP answer (or its absence) means for a delivery: 2xx delivered; 408, 429
 * and 5xx retry (with the target's {@code Retry-After}, in seconds or as an HTTP date); other statuses
 * permanent; timeouts and connection errors retry. One exception: a 401 to a request that carried an OAuth
 * token of a connection retries once ({@link #unauthorizedWithToken}). Pure functions.
 */
public final class ClassifyResponse {

    private ClassifyResponse() {
    }

    public static DeliveryOutcome status(int status, String retryAfter, Instant now) {
        if (status >= 200 && status < 300) {
            return DeliveryOutcome.delivered(status);
        }
        if (status == 408 || status == 429 || status >= 500) {
            return DeliveryOutcome.retryable("HTTP_" + status, "the target answered " + status,
                    retryAfter(retryAfter, now));
        }
        return DeliveryOutcome.permanent("HTTP_" + status, "the target answered " + status
                + (status >= 400 && status < 500 ? " (a client error: retrying would not help)" : ""));
    }

    /**
     * A 401 to a request with a connection's OAuth token. The token may have been revoked or have expired early:
     * the sender drops it, and the delivery is retried (after the usual backoff) with a new one. If the
     * previous attempt of the delivery got a 401 too, a new token did not help, and the 401 is permanent like
     * any other client error.
     *
     * @param previousError the delivery's last error ({@code CODE: message}), null before the first attempt
     */
    public static DeliveryOutcome unauthorizedWithToken(String previousError, Instant now) {
        if (previousError != null && previousError.startsWith("HTTP_401")) {
            return status(401, null, now);
        }
        return DeliveryOutcome.retryable("HTTP_401", "the target answered 401 to the OAuth token; the retry"
                + " uses a new token");
    }

    /** An attempt that got no HTTP answer. */
    public static DeliveryOutcome failure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof EgressRefused refused) {
                return DeliveryOutcome.permanent("EGRESS_BLOCKED", refused.getMessage());
            }
        }
        Throwable cause = rootOf(error);
        if (cause instanceof InterruptedIOException || cause instanceof TimeoutException) {
            return DeliveryOutcome.retryable("TIMEOUT", "the target did not answer in time");
        }
        if (cause instanceof UnknownHostException) {
            return DeliveryOutcome.retryable("CONNECTION_ERROR", "unknown host " + cause.getMessage());
        }
        Throwable shown = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return DeliveryOutcome.retryable("CONNECTION_ERROR", describe(shown)
                + (shown == cause ? "" : " (" + describe(cause) + ")"));
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** {@code Retry-After} as delay-seconds or an HTTP date; empty when absent, unreadable or in the past. */
    static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant());
                return until.isNegative() ? Optional.empty() : Optional.of(until);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static Throwable rootOf(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
