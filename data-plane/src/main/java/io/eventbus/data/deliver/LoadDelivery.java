package io.eventbus.data.deliver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.change.RuleVersions;
import io.eventbus.core.role.DataRole;
import io.eventbus.core.target.RetryPolicy;
import io.eventbus.data.outbox.ClaimedDelivery;
import io.eventbus.data.outbox.Outbox;
import io.eventbus.data.outbox.StoredAttempt;
import io.eventbus.data.outbox.StoredConnection;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the attempts of a batch need, from the {@link Outbox} ({@link Outbox#load}, one read for the batch), with
 * each stored target read into its driver's typed configuration once ({@link TargetDrivers}). A first attempt
 * handed off with its event reads nothing when its target was read less than {@link #FRESH} ago and the bus' rules
 * were not rebuilt since (the control plane announces every change of a bus' rules, targets and their connections,
 * {@link RuleVersions}). Thread-safe.
 */
@Singleton
@DataRole
class LoadDelivery {

    /**
     * @param envelope        null when the event is gone (retention)
     * @param target          its driver and typed configuration (or why it has none); null when the rule or target
     *                        was deleted since
     * @param deadLetterQueue the target's, else the bus' default; null when neither has one
     * @param lastError       how the previous attempt failed ({@code CODE: message}), null before the first
     * @param connection      the connection of a webhook target, or null
     */
    record Loaded(String envelope, TargetDrivers.Loaded target, JsonNode inputShaping, RetryPolicy retryPolicy,
                  String deadLetterQueue, String bus, String lastError, StoredConnection connection) {

        /** The same target for another event's first attempt. */
        Loaded forFirstAttemptOf(String otherEnvelope) {
            return new Loaded(otherEnvelope, target, inputShaping, retryPolicy, deadLetterQueue, bus, null, connection);
        }
    }

    /** How long a target as read serves the first attempts of new deliveries without reading it again. */
    static final Duration FRESH = Duration.ofSeconds(1);
    private static final int MAX_REMEMBERED = 10_000;

    /** A target as read at {@code readAt} (nanoTime), while the bus' rules were at {@code version}. */
    private record Remembered(Loaded loaded, long readAt, Object version) {
    }

    private final Outbox outbox;
    private final ObjectMapper json;
    private final RuleVersions versions;
    private final TargetDrivers drivers;
    private final Map<String, Remembered> recent = new ConcurrentHashMap<>();
    /** Parsed JSON by its text; the nodes are shared, so nothing may change them. */
    private final Memo<String, JsonNode> parsed = new Memo<>(MAX_REMEMBERED);
    /** Targets read into their drivers' configurations, by type and stored configuration. */
    private final Memo<String, TargetDrivers.Loaded> configured = new Memo<>(MAX_REMEMBERED);

    LoadDelivery(Outbox outbox, ObjectMapper json, RuleVersions versions, TargetDrivers drivers) {
        this.outbox = outbox;
        this.json = json;
        this.versions = versions;
        this.drivers = drivers;
    }

    /**
     * Reads what the attempts of {@code claimed} need. A delivery missing from the answer no longer exists.
     */
    Map<UUID, Loaded> load(List<ClaimedDelivery> claimed) {
        Map<UUID, Loaded> known = fromMemory(claimed);
        return known != null ? known : read(claimed);
    }

    /**
     * What the attempts of {@code claimed} need, without reading anything: null unless every delivery is a first
     * attempt with its envelope and a target read recently. Quick enough for any thread.
     */
    Map<UUID, Loaded> fromMemory(List<ClaimedDelivery> claimed) {
        long now = System.nanoTime();
        Map<UUID, Loaded> loaded = new HashMap<>();
        for (ClaimedDelivery d : claimed) {
            Remembered t = d.envelope() == null || d.attempt() != 1 ? null : recent.get(d.targetKey());
            if (t == null || now - t.readAt() > FRESH.toNanos() || t.version() != versions.version(t.loaded().bus())) {
                return null;
            }
            loaded.put(d.id(), t.loaded().forFirstAttemptOf(d.envelope()));
        }
        return loaded;
    }

    private Map<UUID, Loaded> read(List<ClaimedDelivery> claimed) {
        long readAt = System.nanoTime();
        Map<UUID, StoredAttempt> stored = outbox.load(claimed);
        Map<UUID, Loaded> loaded = new HashMap<>();
        for (ClaimedDelivery d : claimed) {
            StoredAttempt s = stored.get(d.id());
            if (s != null) {
                Loaded one = new Loaded(s.envelope(), configure(s.type(), s.config()), parse(s.inputShaping()),
                        s.retryPolicy(), s.deadLetterQueue(), s.bus(), s.lastError(), s.connection());
                loaded.put(d.id(), one);
                remember(d, one, readAt);
            }
        }
        return loaded;
    }

    private void remember(ClaimedDelivery d, Loaded loaded, long readAt) {
        if (loaded.target() == null) {
            return; // a deleted target is read again every time, so it is back as soon as it is
        }
        if (recent.size() >= MAX_REMEMBERED) {
            recent.clear();
        }
        Object version = versions.version(loaded.bus());
        if (version != null) {
            recent.put(d.targetKey(), new Remembered(loaded.forFirstAttemptOf(null), readAt, version));
        }
    }

    /** A stored target read by its driver, once per type and configuration; null for a deleted target. */
    private TargetDrivers.Loaded configure(String type, String config) {
        return type == null ? null
                : configured.get(type + "\u0000" + config, k -> drivers.configure(type, parse(config)));
    }

    /** Parses stored JSON; the same text (a target's config, read for every delivery of a batch) parses once. */
    private JsonNode parse(String text) {
        return text == null ? null : parsed.get(text, this::readTree);
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not JSON", e);
        }
    }
}
