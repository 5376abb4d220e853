package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The settings of a queue target: the built-in queue that receives the events. Immutable. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QueueTarget(String name) {
}
