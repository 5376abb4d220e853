package io.eventbus.control.target;

import io.eventbus.core.role.ControlRole;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Every {@link TargetKind} by its type name. Thread-safe. */
@Singleton
@ControlRole
public final class TargetKinds {

    private final Map<String, TargetKind> byType;

    TargetKinds(List<TargetKind> kinds) {
        this.byType = kinds.stream().collect(Collectors.toMap(TargetKind::type, k -> k, (a, b) -> a, TreeMap::new));
    }

    public Optional<TargetKind> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public TargetKind get(String type) {
        return find(type).orElseThrow(() -> new IllegalStateException("no target kind " + type));
    }

    public String names() {
        return String.join(", ", byType.keySet());
    }

    List<TargetKind> all() {
        return List.copyOf(byType.values());
    }
}
