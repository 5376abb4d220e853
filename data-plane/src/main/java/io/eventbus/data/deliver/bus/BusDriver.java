package io.eventbus.data.deliver.bus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.role.DataRole;
import io.eventbus.core.target.BusConfig;
import io.eventbus.core.target.TargetType;
import io.eventbus.data.deliver.Attempt;
import io.eventbus.data.deliver.DeliverySettings;
import io.eventbus.data.deliver.Sending;
import io.eventbus.data.deliver.Sent;
import io.eventbus.data.deliver.TargetDriver;
import io.eventbus.data.ingest.AcceptEvents;
import io.eventbus.data.ingest.Entry;
import io.eventbus.data.ingest.ParsedEntry;
import io.eventbus.data.ingest.PutEventsResponse;
import io.eventbus.data.retry.DeliveryOutcome;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Forwards an event to another bus of this installation through ingest's own path ({@link AcceptEvents}), so that
 * bus' rules, archives and schemas apply to it. The forwarded event keeps the source, detail type, detail, resources
 * and time; it gets a new id, and its envelope's {@code hop-count} says how many buses it went through. A forward
 * past {@code eventbus.delivery.max-bus-hops} is refused ({@code LOOP_DETECTED}), so rules that forward in a circle
 * end in the dead-letter queue instead of looping. The delivery id is the forward's idempotency key: a retry of an
 * attempt whose outcome was lost puts nothing twice. Delivered when the other bus has stored the event.
 */
@Singleton
@DataRole
class BusDriver implements TargetDriver<BusConfig> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AcceptEvents accept;
    private final int maxHops;
    private final Clock clock;

    BusDriver(AcceptEvents accept, DeliverySettings settings, Clock clock) {
        this.accept = accept;
        this.maxHops = settings.maxBusHops();
        this.clock = clock;
    }

    @Override
    public TargetType<BusConfig> type() {
        return BusConfig.TYPE;
    }

    @Override
    public CompletableFuture<Sent> send(Attempt attempt, BusConfig config) {
        Sending sending = Sending.start(clock);
        Entry entry;
        try {
            entry = forwarded(attempt);
        } catch (JsonProcessingException | RuntimeException e) {
            return sending.endedNow(DeliveryOutcome.permanent("EVENT_UNREADABLE", "the event could not be read to"
                    + " forward it: " + e.getMessage()));
        }
        if (entry.hops() > maxHops) {
            return sending.endedNow(DeliveryOutcome.permanent("LOOP_DETECTED", "the event was forwarded "
                    + (entry.hops() - 1) + " times already; one more forward, to bus '" + config.name()
                    + "', would pass the limit of "
                    + maxHops + " (EVENTBUS_DELIVERY_MAX_BUS_HOPS): do rules forward in a circle?"));
        }
        CompletableFuture<PutEventsResponse> put;
        try {
            put = accept.accept(config.name(), List.of(ParsedEntry.ok(entry)));
        } catch (NotFound e) {
            return sending.endedNow(DeliveryOutcome.permanent("BUS_NOT_FOUND", "bus '" + config.name()
                    + "' does not exist"));
        }
        return put.handle((response, error) -> {
            if (error != null) {
                return sending.ended(DeliveryOutcome.retryable("BUS_UNAVAILABLE", "bus '" + config.name()
                        + "' could not store the event: "
                        + (error.getCause() == null ? error : error.getCause()).getMessage()), null);
            }
            PutEventsResponse.Result result = response.entries().get(0);
            if (result.errorCode() != null) {
                return sending.ended(DeliveryOutcome.permanent("EVENT_REFUSED", "bus '" + config.name()
                        + "' refused the event: " + result.errorCode() + ": " + result.errorMessage()), null);
            }
            return sending.ended(DeliveryOutcome.delivered(200), "{\"bus\":\"" + config.name()
                    + "\",\"eventId\":\"" + result.eventId() + "\"}");
        });
    }

    /** The event as the other bus gets it: one more hop. */
    private static Entry forwarded(Attempt attempt) throws JsonProcessingException {
        JsonNode event = JSON.readTree(attempt.envelope());
        List<String> resources = new ArrayList<>();
        event.path("resources").forEach(r -> resources.add(r.asText()));
        return new Entry(event.path("source").asText(), event.path("detail-type").asText(),
                event.path("detail").toString(), resources, Instant.parse(event.path("time").asText()),
                attempt.deliveryId(), event.path(BusConfig.HOP_COUNT).asInt(0) + 1);
    }
}
