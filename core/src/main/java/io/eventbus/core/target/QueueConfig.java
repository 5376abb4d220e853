package io.eventbus.core.target;

/** A built-in queue target as stored ({@code target.config}): the queue's name. */
public record QueueConfig(String name) {
}
