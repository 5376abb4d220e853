package io.eventbus.data.replay;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import io.eventbus.core.replay.ReplayState;
import io.eventbus.core.role.DataRole;
import io.eventbus.data.match.BusRules;
import io.eventbus.data.match.MatchRules;
import io.eventbus.data.outbox.NewEvent;
import io.eventbus.data.outbox.Outbox;
import io.eventbus.data.outbox.PendingReplayPage;
import io.eventbus.data.outbox.ReplayPage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Runs one replay this process holds, page by page, to its end: waits until the delivery workers have spare room
 * (and the replay's rate limit allows), reads that many archived events after the replay's position, sends each
 * through the chosen rules of the bus as it is configured now, hands their deliveries to the workers, and, once their
 * first attempts have ended, stores the page with them and the new position through the outbox; up to
 * {@code pages-in-flight} pages are under way at once, stored in order. Stops when the window is done (COMPLETED), when cancelled (CANCELLED), when the lease is lost (another
 * process resumes), or when this process stops (the lease is released so another resumes at once). Thread-safe: each
 * call runs one replay on the caller's thread.
 */
@Singleton
@DataRole
class ReplayWindow {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayWindow.class);
    /** How long a replay waits before it looks again for room for a page. */
    private static final long WAIT_FOR_ROOM_MILLIS = 2;
    /** How long a stopping process waits for the pages under way to be settled and stored. */
    private static final long STOP_WAIT_NANOS = 5_000_000_000L;

    private final ReplayRows rows;
    private final ReadArchive archive;
    private final MatchRules match;
    private final Outbox outbox;
    private final ReplaySettings settings;
    private final MeterRegistry meters;
    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();

    ReplayWindow(ReplayRows rows, ReadArchive archive, MatchRules match, Outbox outbox, ReplaySettings settings,
                 @Nullable MeterRegistry meters) {
        this.rows = rows;
        this.archive = archive;
        this.match = match;
        this.outbox = outbox;
        this.settings = settings;
        this.meters = meters;
    }

    /** Runs {@code replay} while {@code running} says so. */
    void run(ClaimedReplay replay, String worker, BooleanSupplier running) throws SQLException {
        new Run(replay, worker, running).go();
    }

    /** One replay's run: its position, its lease's last renewal, its pace. */
    private final class Run {

        private final ClaimedReplay replay;
        private final String worker;
        private final BooleanSupplier running;
        private final ReplayPace pace;
        private long renewedAt = System.nanoTime();
        /** Pages sent and not stored yet, oldest first. */
        private final Deque<PendingReplayPage> inFlight = new ArrayDeque<>();
        private Instant afterTime;
        private UUID afterId;

        Run(ClaimedReplay replay, String worker, BooleanSupplier running) {
            this.replay = replay;
            this.worker = worker;
            this.running = running;
            this.pace = new ReplayPace(replay.name(), settings.pageSize(),
                    replay.rateLimit() != null ? replay.rateLimit() : settings.defaultRateLimit());
            this.afterTime = replay.positionTime() == null ? replay.start() : replay.positionTime();
            this.afterId = replay.positionTime() == null ? ReadArchive.BEFORE_ANY : replay.positionId();
        }

        void go() throws SQLException {
            if (replay.state() == ReplayState.CANCELLING) {
                finish(ReplayState.CANCELLED, null, ReplayState.CANCELLING);
                return;
            }
            if (replay.archiveId() == null) {
                finish(ReplayState.FAILED, "its archive was deleted", ReplayState.RUNNING, ReplayState.CANCELLING);
                return;
            }
            if (replay.eventsTotal() == null && rows.count(replay, worker).isEmpty()) {
                return; // the lease is lost: another process has it
            }
            boolean resumed = replay.eventsTotal() != null; // counted by an earlier holder
            LOG.info("replay={} {} {}", replay.name(), resumed ? "resumes after" : "starts at", afterTime);
            if (meters != null) {
                meters.counter("eventbus.replay.taken", "as", resumed ? "resumed" : "started").increment();
            }
            try {
                sendAndStore();
            } finally {
                inFlight.forEach(outbox::dropReplayed); // not stored: whoever resumes sends them again
                inFlight.clear();
            }
        }

        /**
         * Sends pages while there is room and fewer than {@code pages-in-flight} are under way, and stores each, in
         * order, once its deliveries' first attempts have ended, until the window is done or the replay must stop.
         */
        private void sendAndStore() throws SQLException {
            boolean readToEnd = false;
            while (true) {
                if (!storeSettled()) {
                    stopped();
                    return;
                }
                if (!running.getAsBoolean()) {
                    pause();
                    return;
                }
                if (readToEnd && inFlight.isEmpty()) {
                    finishDone();
                    return;
                }
                int size = readToEnd || inFlight.size() >= settings.pagesInFlight() ? 0 : pace.next(outbox::spareRoom);
                if (size == 0) {
                    sleep();
                    if (!keepLease()) {
                        stopped();
                        return;
                    }
                    continue;
                }
                List<ReadArchive.Archived> page = archive.page(replay.archiveId(), afterTime, afterId, replay.end(), size);
                readToEnd = page.size() < size;
                if (page.isEmpty()) {
                    continue;
                }
                Optional<BusRules> rules = match.bus(replay.bus());
                if (rules.isEmpty()) {
                    finish(ReplayState.FAILED, "its bus was deleted", ReplayState.RUNNING, ReplayState.CANCELLING);
                    return;
                }
                ReplayPage sent = page(rules.get(), page);
                inFlight.addLast(outbox.sendReplayed(sent));
                afterTime = sent.positionTime();
                afterId = sent.positionId();
            }
        }

        /**
         * Stores the pages under way whose deliveries' first attempts all ended (or that waited too long: their
         * attempts still under way are stored due), oldest first, so the position moves in order; false when one
         * could not be stored (cancelled, lease lost).
         */
        private boolean storeSettled() {
            long overdue = settings.lease().toNanos() / 2;
            while (!inFlight.isEmpty()) {
                PendingReplayPage oldest = inFlight.peekFirst();
                if (!oldest.settled() && System.nanoTime() - oldest.sentAt() < overdue) {
                    return true;
                }
                if (!store(inFlight.removeFirst())) {
                    return false;
                }
            }
            return true;
        }

        /** This process stops: store the pages under way once settled (a few seconds at most), then let go. */
        private void pause() throws SQLException {
            long deadline = System.nanoTime() + STOP_WAIT_NANOS;
            while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
                if (!inFlight.peekFirst().settled()) {
                    sleep();
                } else if (!store(inFlight.removeFirst())) {
                    return;
                }
            }
            rows.release(replay.id(), worker);
            LOG.info("replay={} paused at {}: this process stops; another resumes it", replay.name(), afterTime);
        }

        private boolean store(PendingReplayPage page) {
            if (!outbox.storeReplayed(page)) {
                return false;
            }
            count(page.page());
            renewedAt = System.nanoTime();
            return true;
        }

        /** Renews the lease when a third of it went by without a page stored; false when it is lost or not RUNNING. */
        private boolean keepLease() throws SQLException {
            if (System.nanoTime() - renewedAt <= settings.lease().toNanos() / 3) {
                return true;
            }
            Optional<ReplayState> now = rows.renew(replay.id(), worker, settings.lease());
            renewedAt = System.nanoTime();
            return now.isPresent() && now.get() == ReplayState.RUNNING;
        }

        /** The page's events that a chosen rule matches, with their deliveries, stored again under their ids. */
        private ReplayPage page(BusRules rules, List<ReadArchive.Archived> page) {
            Instant now = Instant.now();
            List<NewEvent> events = new ArrayList<>(page.size());
            for (ReadArchive.Archived archived : page) {
                ReplayedEnvelope.Replayed replayed = ReplayedEnvelope.of(archived.envelope(), replay.name());
                List<NewEvent.NewDelivery> deliveries = new ArrayList<>();
                for (BusRules.MatchedRule rule : match.match(rules, replayed.envelope())) {
                    if (replay.rules() == null || replay.rules().contains(rule.name())) {
                        for (String target : rule.targetIds()) {
                            deliveries.add(new NewEvent.NewDelivery(ids.generate(), rule.name(), target));
                        }
                    }
                }
                if (!deliveries.isEmpty()) {
                    events.add(new NewEvent(archived.id(), replay.busId(), now, archived.eventTime(), replayed.source(),
                            replayed.detailType(), replayed.envelope(), null, deliveries, null, List.of()));
                }
            }
            ReadArchive.Archived last = page.get(page.size() - 1);
            return new ReplayPage(replay.id(), replay.name(), worker, settings.lease(), events, page.size(),
                    last.eventTime(), last.id());
        }

        /** The page was not stored: the replay was cancelled (finish it) or the lease is lost (leave it). */
        private void stopped() throws SQLException {
            Optional<ReplayState> now = rows.renew(replay.id(), worker, settings.lease());
            if (now.isPresent() && now.get() == ReplayState.CANCELLING) {
                finish(ReplayState.CANCELLED, null, ReplayState.CANCELLING);
            } else if (now.isEmpty()) {
                LOG.info("replay={} is no longer this process': another resumed it", replay.name());
            }
        }

        private void finishDone() throws SQLException {
            if (!finish(ReplayState.COMPLETED, null, ReplayState.RUNNING)) {
                stopped();
            }
        }

        private boolean finish(ReplayState to, String reason, ReplayState... from) throws SQLException {
            boolean finished = rows.finish(replay.id(), worker, to, reason, from);
            if (finished) {
                LOG.info("replay={} {}{}", replay.name(), to, reason == null ? "" : ": " + reason);
                if (meters != null) {
                    meters.counter("eventbus.replay.finished", "state", to.name()).increment();
                }
            }
            return finished;
        }

        private void count(ReplayPage stored) {
            if (meters != null) {
                meters.counter("eventbus.replay.events").increment(stored.goneThrough());
                meters.counter("eventbus.replay.deliveries").increment(stored.deliveries());
            }
        }

        private void sleep() {
            try {
                Thread.sleep(WAIT_FOR_ROOM_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
