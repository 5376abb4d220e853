package io.eventbus.data.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.DataRole;
import io.eventbus.data.retry.DeliveryOutcome;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every {@link TargetDriver} by the name of its kind, and the one place a stored target becomes a
 * {@link ConfiguredTarget}, or the permanent outcome that says why it cannot be sent to. Thread-safe.
 */
@Singleton
@DataRole
class TargetDrivers {

    private final Map<String, TargetDriver<?>> byName;

    TargetDrivers(List<TargetDriver<?>> drivers) {
        this.byName = drivers.stream().collect(Collectors.toMap(d -> d.type().name(), Function.identity(),
                (a, b) -> {
                    throw new IllegalStateException("two drivers for targets of type " + a.type().name());
                }, TreeMap::new));
    }

    /** A stored target, ready to send to; or why not. */
    sealed interface Loaded {
    }

    record Usable(ConfiguredTarget<?> target) implements Loaded {
    }

    /** A target no attempt can reach: its every delivery is dead-lettered with {@link #outcome}. */
    record Unusable(DeliveryOutcome outcome) implements Loaded {
    }

    /**
     * @param type   the stored {@code target.type}
     * @param config the stored {@code target.config}
     */
    Loaded configure(String type, JsonNode config) {
        TargetDriver<?> driver = byName.get(type);
        if (driver == null) {
            return new Unusable(DeliveryOutcome.permanent("TARGET_TYPE_UNKNOWN", "this data plane has no driver for"
                    + " targets of type '" + type + "' (it has " + String.join(", ", byName.keySet()) + ")"));
        }
        try {
            return new Usable(ConfiguredTarget.read(driver, config));
        } catch (ValidationError e) {
            return new Unusable(DeliveryOutcome.permanent("TARGET_CONFIG_INVALID", "the stored configuration of"
                    + " this " + type + " target cannot be read: " + e.getMessage()));
        }
    }
}
