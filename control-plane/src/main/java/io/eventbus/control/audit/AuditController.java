package io.eventbus.control.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.control.openapi.ProblemResponse;
import io.eventbus.control.query.Cursor;
import io.eventbus.control.query.Queries;
import io.eventbus.core.problem.Problem;
import io.eventbus.core.problem.ValidationError;
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
import java.util.List;

/**
 * {@code GET /v1/audit-log}: the control-plane changes, newest first, filtered by resource and action (prefixes:
 * {@code buses/orders} finds the bus and its rules, {@code queue.} every queue action) and time, a page at a time.
 * The cursor is the last entry's (time, id), the order of the log's index, so each page is one index range.
 */
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

    /** @param next the {@code before} of the following page; absent at the end */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AuditPage(List<AuditEntry> entries, String next) {
    }

    @Operation(operationId = "listAuditLog", description = "resource and action: prefixes (resource=buses/orders"
            + " finds the bus and its rules; action=queue. every queue action); from/to: RFC 3339, to exclusive;"
            + " before: the next of the previous page; limit 1-" + MAX_LIMIT + " (100).")
    @Get
    @Transactional(readOnly = true)
    AuditPage list(@QueryValue(defaultValue = "100") int limit, @QueryValue @Nullable String resource,
                   @QueryValue @Nullable String action, @QueryValue @Nullable String from,
                   @QueryValue @Nullable String to, @QueryValue @Nullable String before) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationError("query: limit", "limit must be from 1 to " + MAX_LIMIT);
        }
        Instant since = Queries.instant("query: from", "from", from);
        Instant until = Queries.instant("query: to", "to", to);
        Cursor<Long> cursor = Cursor.parse("before", before, Long::parseLong);
        List<AuditEntry> entries = jdbc.prepareStatement("""
                SELECT id, at, actor, action, resource, detail::text FROM audit_log
                WHERE (CAST(? AS text) IS NULL OR resource LIKE ?)
                  AND (CAST(? AS text) IS NULL OR action LIKE ?)
                  AND (CAST(? AS timestamptz) IS NULL OR at >= ?)
                  AND (CAST(? AS timestamptz) IS NULL OR at < ?)
                  AND (CAST(? AS timestamptz) IS NULL OR (at, id) < (?, ?))
                ORDER BY at DESC, id DESC LIMIT ?
                """, ps -> {
            int p = 1;
            for (String prefix : new String[]{Queries.likePrefix(resource), Queries.likePrefix(action)}) {
                ps.setString(p++, prefix);
                ps.setString(p++, prefix);
            }
            for (Instant at : new Instant[]{since, until}) {
                ps.setTimestamp(p++, at == null ? null : Timestamp.from(at));
                ps.setTimestamp(p++, at == null ? null : Timestamp.from(at));
            }
            Timestamp cursorAt = cursor == null ? null : Timestamp.from(cursor.at());
            ps.setTimestamp(p++, cursorAt);
            ps.setTimestamp(p++, cursorAt);
            ps.setLong(p++, cursor == null ? 0 : cursor.key());
            ps.setInt(p, limit + 1);
            List<AuditEntry> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            rs.getString(4), rs.getString(5), detail(rs.getString(6))));
                }
            }
            return found;
        });
        String next = null;
        if (entries.size() > limit) {
            entries = entries.subList(0, limit);
            AuditEntry last = entries.get(limit - 1);
            next = new Cursor<>(last.at(), last.id()).format();
        }
        return new AuditPage(entries, next);
    }

    private JsonNode detail(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit detail is not JSON", e);
        }
    }
}
