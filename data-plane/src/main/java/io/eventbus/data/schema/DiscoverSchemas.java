package io.eventbus.data.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbus.core.role.DataRole;
import io.eventbus.core.schema.InferSchema;
import io.eventbus.core.schema.SchemaNames;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Schema discovery for buses with {@code schemaDiscovery} on: ingest offers each accepted event; at most one event
 * per schema name and {@code eventbus.schemas.discovery.sample-interval} (default 1 s) is kept as a sample, in a
 * bounded queue (a full queue drops samples), so the event path pays a map lookup per event and nothing more. Every
 * second the samples are merged into what is known of each schema ({@link InferSchema}; starting from its latest
 * stored version, so versions only widen) and a schema whose shape changed gets a new discovered version
 * ({@link RecordDiscoveredSchema}). Schemas that a person registered are left alone. Thread-safe.
 */
@Singleton
@DataRole
public class DiscoverSchemas {

    private static final Logger LOG = LoggerFactory.getLogger(DiscoverSchemas.class);
    static final int MAX_NAMES = 10_000;

    private record Sample(String name, String detail) {
    }

    private final RecordDiscoveredSchema record;
    private final ObjectMapper json;
    private final long intervalNanos;
    private final BlockingQueue<Sample> samples = new ArrayBlockingQueue<>(1_000);
    private final Map<String, Long> lastSampled = new ConcurrentHashMap<>();
    /** What discovery knows of each name: its merged shape and whether a person owns it (then empty). */
    private final Map<String, Optional<ObjectNode>> shapes = new ConcurrentHashMap<>();

    DiscoverSchemas(RecordDiscoveredSchema record, ObjectMapper json,
                    @Value("${eventbus.schemas.discovery.sample-interval:1s}") Duration interval) {
        this.record = record;
        this.json = json;
        this.intervalNanos = interval.toNanos();
    }

    /** Keeps the event as a sample of its schema when none was kept for that name within the interval. */
    public void offer(String source, String detailType, String detail) {
        String name = SchemaNames.of(source, detailType);
        long now = System.nanoTime();
        Long last = lastSampled.get(name);
        if (last != null && now - last < intervalNanos) {
            return;
        }
        if (lastSampled.size() >= MAX_NAMES) {
            lastSampled.clear();
        }
        lastSampled.put(name, now);
        samples.offer(new Sample(name, detail));
    }

    /** Merges the samples taken since the last run and records the schemas whose shape changed. */
    @Scheduled(initialDelay = "${eventbus.schemas.discovery.record-interval:1s}",
            fixedDelay = "${eventbus.schemas.discovery.record-interval:1s}")
    void recordChanges() {
        List<Sample> taken = new ArrayList<>();
        samples.drainTo(taken);
        if (taken.isEmpty()) {
            return;
        }
        Map<String, ObjectNode> changed = new java.util.LinkedHashMap<>();
        for (Sample sample : taken) {
            try {
                merge(sample).ifPresent(shape -> changed.put(sample.name(), shape));
            } catch (RuntimeException | java.io.IOException e) {
                LOG.warn("schema discovery skipped a sample of {}: {}", sample.name(), e.toString());
            }
        }
        changed.forEach((name, shape) -> {
            try {
                // what was stored, which may hold what other processes saw too; empty: a person registered it
                shapes.put(name, record.record(name, shape));
            } catch (RuntimeException e) {
                shapes.remove(name); // read again from the registry with the next sample
                LOG.warn("schema discovery could not record {}: {}", name, e.toString());
            }
        });
    }

    /** The new shape of the sample's schema, when the sample changed it. */
    private Optional<ObjectNode> merge(Sample sample) throws java.io.IOException {
        Optional<ObjectNode> known = shapes.get(sample.name());
        if (known == null) {
            if (shapes.size() >= MAX_NAMES) {
                shapes.clear();
            }
            known = record.known(sample.name()).map(k -> k.discovered() && k.latest().isObject()
                    ? Optional.of((ObjectNode) k.latest()) : Optional.<ObjectNode>empty())
                    .orElseGet(() -> Optional.of(json.createObjectNode())); // none yet: start empty
            shapes.put(sample.name(), known);
        }
        if (known.isEmpty()) {
            return Optional.empty(); // registered by a person
        }
        JsonNode detail = json.readTree(sample.detail());
        ObjectNode before = known.get();
        ObjectNode after = before.isEmpty() ? InferSchema.of(detail) : InferSchema.merge(before, detail);
        if (before.equals(after)) { // JSON objects are equal whatever their keys' order
            return Optional.empty();
        }
        shapes.put(sample.name(), Optional.of(after));
        return Optional.of(after);
    }
}
