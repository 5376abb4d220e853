package io.eventbus.data.match;

import io.eventbus.core.change.ConfigChannel;
import io.eventbus.core.role.DataRole;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link MatchRules} current: rebuilds each bus named on {@link ConfigChannel} (within a second of the
 * control plane's commit; core's listener hands the payloads over), and every bus this process knows after a lost
 * connection and every {@code eventbus.match.resync-interval} (default 60 s), as a fallback for missed
 * notifications. Payloads of other kinds than a bus are not for it. Thread-safe.
 */
@Singleton
@DataRole
final class RefreshChangedRules implements ConfigChannel.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshChangedRules.class);

    private final MatchRules rules;

    RefreshChangedRules(MatchRules rules) {
        this.rules = rules;
    }

    @Override
    public void announced(String payload) {
        if (ConfigChannel.isBus(payload)) {
            rules.refresh(payload);
        }
    }

    @Override
    public void missedAnnouncements() {
        rules.refreshAll();
    }

    @Scheduled(initialDelay = "${eventbus.match.resync-interval:60s}", fixedDelay = "${eventbus.match.resync-interval:60s}")
    void resync() {
        try {
            rules.refreshAll();
        } catch (RuntimeException e) {
            LOG.warn("rebuilding changed rules failed; the next resync tries again: {}", e.toString());
        }
    }
}
