package io.eventbus.core.target;

/**
 * How long and how often a target's deliveries are retried, with EventBridge's ranges and defaults.
 *
 * @param maximumRetryAttempts     0 to 185, default 185
 * @param maximumEventAgeInSeconds 60 to 86,400, default 86,400
 */
public record RetryPolicy(int maximumRetryAttempts, int maximumEventAgeInSeconds) {

    public static final int MIN_ATTEMPTS = 0;
    public static final int MAX_ATTEMPTS = 185;
    public static final int MIN_AGE_SECONDS = 60;
    public static final int MAX_AGE_SECONDS = 86_400;
    public static final RetryPolicy DEFAULT = new RetryPolicy(MAX_ATTEMPTS, MAX_AGE_SECONDS);
}
