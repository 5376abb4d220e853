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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.sql.ResultSet;
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
 * UUIDv7, whose first 48 bits are its ingestion time, so the lookup reads one day's partition by primary key.
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
            description = "Filters: bus, source, detailType (exact), from/to (ingestion time, RFC 3339, to exclusive);"
                    + " limit 1-200 (50); before: the next of the previous page.")
    EventPage list(@QueryValue @Nullable String bus, @QueryValue @Nullable String source,
                   @QueryValue @Nullable String detailType, @QueryValue @Nullable String from,
                   @QueryValue @Nullable String to, @QueryValue @Nullable Integer limit,
                   @QueryValue @Nullable String before) {
        return events.list(ListEvents.filter(bus, source, detailType, from, to, limit, before));
    }

    @Get("/{id}")
    @Operation(operationId = "getEvent")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Transactional(readOnly = true)
    EventView read(UUID id) {
        Instant around = id.version() == 7 ? Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16) : null;
        EventView event = jdbc.prepareStatement("""
                SELECT e.ingested_at, b.name, e.envelope, e.schema_problem FROM event e LEFT JOIN bus b ON b.id = e.bus_id
                WHERE e.id = ? AND (CAST(? AS timestamptz) IS NULL
                      OR e.ingested_at BETWEEN CAST(? AS timestamptz) - interval '1 minute'
                                           AND CAST(? AS timestamptz) + interval '1 minute')
                """, ps -> {
            ps.setObject(1, id);
            Timestamp at = around == null ? null : Timestamp.from(around);
            ps.setTimestamp(2, at);
            ps.setTimestamp(3, at);
            ps.setTimestamp(4, at);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("event " + id + " does not exist (or is past its bus' retention)");
                }
                return new EventView(id, rs.getString(2), rs.getTimestamp(1).toInstant(), parse(rs.getString(3)),
                        rs.getString(4), List.of(), List.of());
            }
        });
        List<EventView.Delivery> deliveries = deliveries(id);
        List<String> rules = deliveries.stream().map(EventView.Delivery::rule).distinct().toList();
        return new EventView(id, event.bus(), event.ingestedAt(), event.event(), event.schemaProblem(), rules,
                deliveries);
    }

    private List<EventView.Delivery> deliveries(UUID eventId) {
        Map<UUID, EventView.Delivery> deliveries = new LinkedHashMap<>();
        jdbc.prepareStatement("""
                SELECT d.id, d.rule_name, d.target_id, d.state, d.attempt, d.next_attempt_at, d.last_error,
                       a.attempt, a.at, a.status, a.latency_ms, a.error, a.response
                FROM delivery d LEFT JOIN delivery_attempt a ON a.delivery_id = d.id
                WHERE d.event_id = ? ORDER BY d.rule_name, d.target_id, a.attempt
                """, ps -> {
            ps.setObject(1, eventId);
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
            return new EventView.Delivery(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                    rs.getTimestamp(6).toInstant(), rs.getString(7), new ArrayList<>());
        } catch (java.sql.SQLException e) {
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
