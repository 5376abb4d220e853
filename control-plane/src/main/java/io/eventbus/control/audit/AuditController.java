package io.eventbus.control.audit;

import io.eventbus.control.openapi.ProblemResponse;
import io.eventbus.core.problem.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.ControlRole;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /v1/audit-log}: the newest control-plane changes first. */
@Controller("/v1/audit-log")
@ControlRole
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "audit")
@ApiResponse(responseCode = "400", description = ProblemResponse.BAD_REQUEST, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = ProblemResponse.UNAUTHORIZED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
class AuditController {

    static final int MAX_LIMIT = 1000;

    private final JdbcOperations jdbc;
    private final ObjectMapper json;

    AuditController(JdbcOperations jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One change: who, what, on which resource, when, and what changed (never secrets). */
    record AuditEntry(long id, Instant at, String actor, String action, String resource, JsonNode detail) {
    }

    record AuditPage(List<AuditEntry> entries) {
    }

    @Operation(operationId = "listAuditLog")
    @Get
    @Transactional(readOnly = true)
    AuditPage list(@QueryValue(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationError("query: limit", "limit must be from 1 to " + MAX_LIMIT);
        }
        return new AuditPage(jdbc.prepareStatement("""
                SELECT id, at, actor, action, resource, detail::text FROM audit_log ORDER BY at DESC, id DESC LIMIT ?
                """, ps -> {
            ps.setInt(1, limit);
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            rs.getString(4), rs.getString(5), detail(rs.getString(6))));
                }
            }
            return entries;
        }));
    }

    private JsonNode detail(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit detail is not JSON", e);
        }
    }
}
