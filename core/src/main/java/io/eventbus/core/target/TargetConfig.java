package io.eventbus.core.target;

/**
 * The typed configuration of one kind of target ({@link TargetType}), read from {@code target.config}. What every
 * kind may set in common is here.
 */
public interface TargetConfig {

    /** Deliveries a second at most to this target, or null for no limit. */
    default Integer rateLimitPerSecond() {
        return null;
    }
}
