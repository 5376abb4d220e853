package io.eventbus.control.explorer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.control.bus.BusStore;
import io.eventbus.control.openapi.ProblemResponse;
import io.eventbus.core.name.Names;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.problem.Problem;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.ControlRole;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /v1/buses/{bus}/events}: a bus's latest events, newest first (the console fills its sandbox with the
 * latest one). Reads the {@code (bus_id, ingested_at)} index backwards; {@code POST} on the same path is the data
 * plane's ingestion.
 */
@Controller("/v1/buses/{bus}/events")
@ControlRole
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "explorer")
@ApiResponse(responseCode = "400", description = ProblemResponse.BAD_REQUEST, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = ProblemResponse.UNAUTHORIZED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
class BusEventsController {

    static final int MAX_LIMIT = 100;

    private final JdbcOperations jdbc;
    private final BusStore buses;
    private final ObjectMapper json;

    BusEventsController(JdbcOperations jdbc, BusStore buses, ObjectMapper json) {
        this.jdbc = jdbc;
        this.buses = buses;
        this.json = json;
    }

    /**
     * One stored event: its id and when it was accepted (for {@code GET /v1/events/{id}?at=}), and its envelope; a
     * replayed copy names its replay.
     */
    record RecentEvent(UUID id, Instant ingestedAt, String source, String detailType,
                       @JsonInclude(JsonInclude.Include.ALWAYS) String replayName, JsonNode event) {
    }

    record RecentEvents(List<RecentEvent> events) {
    }

    @Get
    @Operation(operationId = "listRecentEvents")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Transactional(readOnly = true)
    RecentEvents latest(String bus, @QueryValue(defaultValue = "10") int limit) {
        Names.require("path: bus", bus);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationError("query: limit", "limit must be from 1 to " + MAX_LIMIT);
        }
        if (buses.find(bus).isEmpty()) {
            throw new NotFound("bus '" + bus + "' does not exist");
        }
        return new RecentEvents(jdbc.prepareStatement("""
                SELECT e.id, e.ingested_at, e.source, e.detail_type, e.replay_name, e.envelope
                FROM event e JOIN bus b ON b.id = e.bus_id
                WHERE b.name = ? ORDER BY e.ingested_at DESC, e.id DESC LIMIT ?
                """, ps -> {
            ps.setString(1, bus);
            ps.setInt(2, limit);
            List<RecentEvent> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new RecentEvent(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
                            rs.getString(3), rs.getString(4), rs.getString(5), parse(rs.getString(6))));
                }
            }
            return events;
        }));
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored envelope is not JSON", e);
        }
    }
}
