package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The settings of a bus target: another bus of the installation, whose rules then apply to the event.
 *
 * @param rateLimitPerSecond deliveries a second at most; null for no limit
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BusTarget(String name, Integer rateLimitPerSecond) {
}
