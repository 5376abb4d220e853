package io.eventbus.core.target;

/** A built-in queue target as stored ({@code target.config}): the queue's name. */
public record QueueConfig(String name) implements TargetConfig {

    public static final TargetType<QueueConfig> TYPE = new TargetType<>("queue", QueueConfig::read);

    private static QueueConfig read(StoredFields stored) {
        return new QueueConfig(stored.text("name"));
    }
}
