package io.eventbus.core.target;

/**
 * A target that puts the event on another bus of this installation, whose rules then apply to it
 * ({@code target.config}): the bus' name.
 */
public record BusConfig(String name, Integer rateLimitPerSecond) implements TargetConfig {

    public static final TargetType<BusConfig> TYPE = new TargetType<>("bus", BusConfig::read);

    /**
     * The envelope's count of the buses an event was forwarded through: absent on an event a producer put, 1 after
     * the first forward. Past {@code eventbus.delivery.max-bus-hops} a forward is refused ({@code LOOP_DETECTED}).
     */
    public static final String HOP_COUNT = "hop-count";

    private static BusConfig read(StoredFields stored) {
        return new BusConfig(stored.text("name"), stored.optionalInt("rateLimitPerSecond", null));
    }
}
