package io.eventbus.control.explorer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.control.openapi.ProblemResponse;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.problem.Problem;
import io.eventbus.core.role.ControlRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The event explorer. {@code GET /v1/events}: recent events, filtered and paged ({@link ListEvents}).
 * {@code GET /v1/events/{id}}: one event, the rules it matched and each delivery with its attempts. The id is a
 * UUIDv7, whose first 48 bits are its ingestion time, so the lookup reads one day's partition by primary key. A
 * replay stores a copy of the event with the same id and a later ingestion time: the id alone names the event as
 * it was put, {@code ?at=<ingestedAt>} a copy.
 */
@Controller("/v1/events")
@ControlRole
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "explorer")
@ApiResponse(responseCode = "400", description = ProblemResponse.BAD_REQUEST, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = ProblemResponse.UNAUTHORIZED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
class EventController {

    private final JdbcOperations jdbc;
    private final ObjectMapper json;
    private final ListEvents events;

    EventController(JdbcOperations jdbc, ObjectMapper json, ListEvents events) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
    }

    @Get
    @Operation(operationId = "listEvents", summary = "Recent events, newest first",
            description = "Filters, all optional and combined: id; bus; source and detailType by case-insensitive"
                    + " prefix; field and value (detail.orderId = 42); from/to (ingestion time, RFC 3339, to"
                    + " exclusive); replay: the copies one replay stored; delivery (failed: RETRYABLE or"
                    + " DEAD_LETTERED, dead-lettered, pending: not finished, delivered), rule, target: events with at"
                    + " least one such delivery; limit 1-200 (50); before: the next of the previous page."
                    + " A replayed copy is listed with its replayName; open it with getEvent and ?at=<ingestedAt>.")
    EventPage list(@RequestBean EventQuery query) {
        return events.list(ListEvents.filter(query));
    }

    @Get("/{id}")
    @Operation(operationId = "getEvent", description = "The event as it was put, with the copies replays stored of it"
            + " (replays); ?at=<ingestedAt> reads one of those copies instead. Deliveries are those of the row read.")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Transactional(readOnly = true)
    EventView read(UUID id, @QueryValue @Nullable String at) {
        Instant ingestedAt = ListEvents.instant("at", at);
        EventView event = ingestedAt == null ? original(id) : copy(id, ingestedAt);
        List<EventView.Delivery> deliveries = deliveries(id, event.ingestedAt());
        List<String> rules = deliveries.stream().map(EventView.Delivery::rule).distinct().toList();
        List<EventView.ReplayedCopy> replays = event.replayName() == null ? replayedCopies(id, event.ingestedAt())
                : null;
        return new EventView(id, event.bus(), event.ingestedAt(), event.replayName(), event.event(),
                event.schemaProblem(), rules, deliveries, replays);
    }

    /**
     * The event as it was put: the row without a replay name comes first. A UUIDv7's rows are looked for around the
     * id's own time, which copies (ingested when replayed) are rarely near; they are read with {@code ?at=}.
     */
    private EventView original(UUID id) {
        Instant around = id.version() == 7 ? Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16) : null;
        return jdbc.prepareStatement("""
                SELECT e.ingested_at, b.name, e.envelope, e.schema_problem, e.replay_name
                FROM event e LEFT JOIN bus b ON b.id = e.bus_id
                WHERE e.id = ? AND (CAST(? AS timestamptz) IS NULL
                      OR e.ingested_at BETWEEN CAST(? AS timestamptz) - interval '1 minute'
                                           AND CAST(? AS timestamptz) + interval '1 minute')
                ORDER BY e.replay_name IS NOT NULL, e.ingested_at LIMIT 1
                """, ps -> {
            ps.setObject(1, id);
            Timestamp at = around == null ? null : Timestamp.from(around);
            ps.setTimestamp(2, at);
            ps.setTimestamp(3, at);
            ps.setTimestamp(4, at);
            return row(ps, id, "event " + id + " does not exist (or is past its bus' retention)");
        });
    }

    /** The row ingested at {@code ingestedAt}: a replayed copy, or the original by its own time. */
    private EventView copy(UUID id, Instant ingestedAt) {
        return jdbc.prepareStatement("""
                SELECT e.ingested_at, b.name, e.envelope, e.schema_problem, e.replay_name
                FROM event e LEFT JOIN bus b ON b.id = e.bus_id
                WHERE e.id = ? AND e.ingested_at = ?
                """, ps -> {
            ps.setObject(1, id);
            ps.setTimestamp(2, Timestamp.from(ingestedAt));
            return row(ps, id, "event " + id + " has no copy ingested at " + ingestedAt
                    + " (or it is past its bus' retention)");
        });
    }

    private EventView row(PreparedStatement ps, UUID id, String missing) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new NotFound(missing);
            }
            return new EventView(id, rs.getString(2), rs.getTimestamp(1).toInstant(), rs.getString(5),
                    parse(rs.getString(3)), rs.getString(4), List.of(), List.of(), null);
        }
    }

    /**
     * The copies replays stored of an event, oldest first. They are ingested after the original, which bounds the
     * partitions read; the id is not indexed on its own, so those partitions' keys are scanned.
     */
    private List<EventView.ReplayedCopy> replayedCopies(UUID id, Instant originalIngestedAt) {
        return jdbc.prepareStatement("""
                SELECT replay_name, ingested_at FROM event
                WHERE id = ? AND ingested_at > ? AND replay_name IS NOT NULL ORDER BY ingested_at
                """, ps -> {
            ps.setObject(1, id);
            ps.setTimestamp(2, Timestamp.from(originalIngestedAt));
            List<EventView.ReplayedCopy> copies = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    copies.add(new EventView.ReplayedCopy(rs.getString(1), rs.getTimestamp(2).toInstant()));
                }
            }
            return copies;
        });
    }

    /** The deliveries of one row of the event: a replayed copy's are its own, not the original's. */
    private List<EventView.Delivery> deliveries(UUID eventId, Instant ingestedAt) {
        Map<UUID, EventView.Delivery> deliveries = new LinkedHashMap<>();
        jdbc.prepareStatement("""
                SELECT d.id, d.rule_name, d.target_id, d.state, d.attempt, d.next_attempt_at, d.last_error,
                       a.attempt, a.at, a.status, a.latency_ms, a.error, a.response,
                       CASE WHEN d.state = 'AVAILABLE' THEN d.held_by END, t.maximum_retry_attempts, t.type
                FROM delivery d LEFT JOIN delivery_attempt a ON a.delivery_id = d.id
                     LEFT JOIN rule r ON r.bus_id = d.bus_id AND r.name = d.rule_name
                     LEFT JOIN target t ON t.rule_id = r.id AND t.target_id = d.target_id
                WHERE d.event_id = ? AND d.event_ingested_at = ? ORDER BY d.rule_name, d.target_id, a.attempt
                """, ps -> {
            ps.setObject(1, eventId);
            ps.setTimestamp(2, Timestamp.from(ingestedAt));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    EventView.Delivery d = deliveries.computeIfAbsent(id, k -> delivery(rs, k));
                    if (rs.getObject(8) != null) {
                        d.attemptLog().add(new EventView.Attempt(rs.getInt(8), rs.getTimestamp(9).toInstant(),
                                (Integer) rs.getObject(10), rs.getLong(11), rs.getString(12), rs.getString(13)));
                    }
                }
            }
            return null;
        });
        return List.copyOf(deliveries.values());
    }

    private static EventView.Delivery delivery(ResultSet rs, UUID id) {
        try {
            Integer retries = (Integer) rs.getObject(15);
            return new EventView.Delivery(id, rs.getString(2), rs.getString(3), rs.getString(16), rs.getString(4),
                    rs.getInt(5), retries == null ? null : retries + 1, rs.getTimestamp(6).toInstant(),
                    rs.getString(14), rs.getString(7), new ArrayList<>());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private com.fasterxml.jackson.databind.JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored envelope is not JSON", e);
        }
    }
}
