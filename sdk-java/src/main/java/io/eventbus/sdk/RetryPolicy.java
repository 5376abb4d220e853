package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * How long and how often a target's deliveries are retried, with EventBridge's ranges. Immutable.
 *
 * @param maximumRetryAttempts     0 to 185; null: 185
 * @param maximumEventAgeInSeconds 60 to 86,400; null: 86,400
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RetryPolicy(Integer maximumRetryAttempts, Integer maximumEventAgeInSeconds) {
}
