package io.eventbus.data.schema;

import io.eventbus.core.change.ConfigChannel;
import io.eventbus.core.role.DataRole;
import io.eventbus.core.schema.CompiledSchema;
import io.eventbus.core.schema.SchemaNames;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The latest version of each schema, compiled, by name; also remembers that a name has no schema. Read from
 * PostgreSQL on first use; forgotten when the control plane announces {@code schema:<name>} (a new version or a
 * deletion, within a second of its commit), and all of it after a lost connection to the channel. A load that
 * overlaps an announcement is not kept, so an old version never outlives the announcement of a new one. At most
 * {@value #MAX_NAMES} names are kept (events can name any number of schemas that do not exist); past that the cache
 * starts again. Thread-safe.
 */
@Singleton
@DataRole
public class LatestSchemas implements ConfigChannel.Listener {

    static final int MAX_NAMES = 10_000;

    /** A schema's latest version, compiled. */
    public record Latest(int version, CompiledSchema schema) {
    }

    private final LoadLatestSchema load;
    private final Map<String, Optional<Latest>> byName = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    LatestSchemas(LoadLatestSchema load) {
        this.load = load;
    }

    /** Whether {@link #latest} would answer for {@code name} without reading anything. */
    public boolean isKnown(String name) {
        return byName.containsKey(name);
    }

    /** The latest version of the schema {@code name}; empty when there is no such schema. */
    public Optional<Latest> latest(String name) {
        Optional<Latest> known = byName.get(name);
        if (known != null) {
            return known;
        }
        long before = generation.get();
        Optional<Latest> loaded = load.load(name);
        if (generation.get() == before) {
            if (byName.size() >= MAX_NAMES) {
                byName.clear();
            }
            byName.put(name, loaded);
        }
        return loaded;
    }

    @Override
    public void announced(String payload) {
        if (payload.startsWith(SchemaNames.ANNOUNCEMENT_KIND)) {
            generation.incrementAndGet();
            byName.remove(payload.substring(SchemaNames.ANNOUNCEMENT_KIND.length()));
        }
    }

    @Override
    public void missedAnnouncements() {
        generation.incrementAndGet();
        byName.clear();
    }
}
