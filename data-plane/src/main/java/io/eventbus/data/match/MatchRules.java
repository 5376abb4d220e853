package io.eventbus.data.match;

import io.eventbus.core.change.RuleVersions;
import io.eventbus.core.role.DataRole;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The data plane's view of every bus' rules, compiled. A bus is loaded on first use and rebuilt when its
 * configuration changes ({@link RefreshChangedRules}); a rebuild happens aside and replaces the old rule set
 * by reference, so matching never waits for it. Thread-safe.
 */
@Singleton
@DataRole
public class MatchRules implements RuleVersions {

    private static final Logger LOG = LoggerFactory.getLogger(MatchRules.class);

    private final LoadBusRules load;
    private final MeterRegistry meters;
    private final ConcurrentMap<String, BusRules> buses = new ConcurrentHashMap<>();
    /** Buses whose gauge is registered: once per bus, since it reads {@link #buses} and follows every rebuild. */
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();

    MatchRules(LoadBusRules load, @Nullable MeterRegistry meters) {
        this.load = load;
        this.meters = meters;
    }

    /** The bus' compiled rules; empty when no such bus exists. */
    public Optional<BusRules> bus(String bus) {
        BusRules known = buses.get(bus);
        if (known != null) {
            return Optional.of(known);
        }
        return refresh(bus);
    }

    /**
     * The bus' compiled rules as this process has them now, without reading anything; null when it has none. A
     * new object after every rebuild, so it tells whether the bus' configuration changed since.
     */
    public BusRules current(String bus) {
        return buses.get(bus);
    }

    /** The bus' rules as built now: a new object with every rebuild. */
    @Override
    public Object version(String bus) {
        return current(bus);
    }

    /** Which rules of {@code rules} match the envelope; counts a match per rule. */
    public List<BusRules.MatchedRule> match(BusRules rules, String envelope) {
        List<BusRules.MatchedRule> matched = rules.match(envelope);
        if (meters != null) {
            for (BusRules.MatchedRule rule : matched) {
                meters.counter("eventbus.rule.matches", "bus", rules.bus(), "rule", rule.name()).increment();
            }
        }
        return matched;
    }

    /** Rebuilds one bus from the database now (or forgets it, when it is gone). */
    public Optional<BusRules> refresh(String bus) {
        long started = System.nanoTime();
        Optional<BusRules> loaded = load.load(bus);
        if (loaded.isPresent()) {
            buses.put(bus, loaded.get());
            if (meters != null && gauged.add(bus)) {
                Gauge.builder("eventbus.match.rules", buses, known -> known.containsKey(bus)
                                ? known.get(bus).rules().size() : 0)
                        .description("Rules of the bus compiled in this process: a rule change has reached this"
                                + " data plane when it counts it").tag("bus", bus).register(meters);
            }
            LOG.debug("rules of bus {} rebuilt: {} rules in {} ms", bus, loaded.get().rules().size(),
                    (System.nanoTime() - started) / 1_000_000);
        } else {
            buses.remove(bus);
        }
        return loaded;
    }

    /**
     * Rebuilds every bus this process knows whose rules changed since they were built (after a missed
     * notification, and periodically). An unchanged bus costs one small query, not a rebuild.
     */
    void refreshAll() {
        for (String bus : Set.copyOf(buses.keySet())) {
            try {
                BusRules known = buses.get(bus);
                Optional<String> now = load.fingerprint(bus);
                if (known == null || now.isEmpty() || !now.get().equals(known.fingerprint())) {
                    refresh(bus);
                }
            } catch (RuntimeException e) {
                LOG.warn("rebuilding the rules of bus {} failed; keeping the previous ones: {}", bus, e.toString());
            }
        }
    }
}
