package io.eventbus.data.ingest;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.role.DataRole;
import io.eventbus.data.match.BusRules;
import io.eventbus.data.match.MatchRules;
import io.eventbus.data.outbox.Appended;
import io.eventbus.data.outbox.NewEvent;
import io.eventbus.data.outbox.Outbox;
import io.eventbus.data.schema.DiscoverSchemas;
import io.micrometer.core.instrument.MeterRegistry;
import io.eventbus.core.installation.Installation;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The event path's entry: for each valid entry of a request (and, as the bus says, valid for its schema:
 * {@link CheckSchemas}), give it a time-ordered id (UUIDv7), write its
 * EventBridge envelope, match it against the bus' rules and archives, and hand the events with one delivery per
 * matched (rule, target), and the archives that keep them, to the {@link Outbox}; answer only once that is committed. Refused entries are answered as
 * such and nothing of them is stored. Thread-safe.
 */
@Singleton
@DataRole
public class AcceptEvents {

    private final MatchRules match;
    private final CheckSchemas schemas;
    private final DiscoverSchemas discover;
    private final Outbox outbox;
    private final IngestSettings settings;
    private final Installation installation;
    private final Clock clock;
    private final MeterRegistry meters;
    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();

    AcceptEvents(MatchRules match, CheckSchemas schemas, DiscoverSchemas discover, Outbox outbox,
                 IngestSettings settings, Installation installation, Clock clock, @Nullable MeterRegistry meters) {
        this.match = match;
        this.schemas = schemas;
        this.discover = discover;
        this.outbox = outbox;
        this.settings = settings;
        this.installation = installation;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Whether {@link #accept} reads nothing before its commit for these entries: the bus' rules are compiled in this
     * process, and the entries' schemas, if the bus checks them, are known.
     */
    public boolean checksFromMemory(String bus, List<ParsedEntry> entries) {
        BusRules rules = match.current(bus);
        return rules != null && schemas.checksFromMemory(rules.schemas(), entries);
    }

    /**
     * @throws NotFound when the bus does not exist
     */
    public CompletableFuture<PutEventsResponse> accept(String bus, List<ParsedEntry> read) {
        BusRules rules = match.bus(bus).orElseThrow(() -> new NotFound("bus '" + bus + "' does not exist"));
        CheckSchemas.Checked checked = schemas.check(bus, rules.schemas(), read);
        List<ParsedEntry> entries = checked.entries();
        Instant now = clock.instant();
        List<NewEvent> events = new ArrayList<>(entries.size());
        boolean discovery = rules.schemas().discovery();
        for (int i = 0; i < entries.size(); i++) {
            ParsedEntry parsed = entries.get(i);
            if (parsed.isOk()) {
                events.add(newEvent(rules, parsed.entry(), now, checked.warning(i)));
                if (discovery) {
                    discover.offer(parsed.entry().source(), parsed.entry().detailType(), parsed.entry().detail());
                }
            }
        }
        return outbox.append(events).thenApply(appended -> respond(bus, entries, appended));
    }

    private NewEvent newEvent(BusRules rules, Entry entry, Instant now, String schemaProblem) {
        UUID id = ids.generate();
        Instant time = entry.time() != null ? entry.time() : now;
        String envelope = Envelope.write(id, entry, time, installation.account(), installation.region());
        List<NewEvent.NewDelivery> deliveries = new ArrayList<>();
        for (BusRules.MatchedRule rule : match.match(rules, envelope)) {
            for (String target : rule.targetIds()) {
                deliveries.add(new NewEvent.NewDelivery(ids.generate(), rule.name(), target));
            }
        }
        return new NewEvent(id, rules.busId(), now, time, entry.source(), entry.detailType(), envelope,
                entry.idempotencyKey(), deliveries, schemaProblem, rules.archives().keeping(envelope));
    }

    private PutEventsResponse respond(String bus, List<ParsedEntry> entries, List<Appended> appended) {
        List<PutEventsResponse.Result> results = new ArrayList<>(entries.size());
        int next = 0;
        int failed = 0;
        for (ParsedEntry parsed : entries) {
            if (parsed.isOk()) {
                results.add(PutEventsResponse.Result.accepted(appended.get(next++).eventId()));
            } else {
                results.add(PutEventsResponse.Result.refused(parsed.error()));
                failed++;
            }
        }
        if (meters != null) {
            meters.counter("eventbus.ingest.entries", "bus", bus, "outcome", "accepted").increment(next);
            meters.counter("eventbus.ingest.entries", "bus", bus, "outcome", "failed").increment(failed);
        }
        return new PutEventsResponse(failed, results);
    }
}
