package io.eventbus.control.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.control.auth.Caller;
import io.eventbus.control.concurrency.Versions;
import io.eventbus.control.openapi.ProblemResponse;
import io.eventbus.control.rule.RuleLimits;
import io.eventbus.core.json.JsonText;
import io.eventbus.core.name.Names;
import io.eventbus.core.pattern.EventPattern;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.problem.Problem;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.ControlRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/**
 * {@code /v1/archives}: create, list, read, update, delete archives of a bus's events. Validates requests before any
 * transaction starts; {@link ArchiveStore} writes.
 */
@Controller("/v1/archives")
@ControlRole
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "archives")
@ApiResponse(responseCode = "400", description = ProblemResponse.BAD_REQUEST, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = ProblemResponse.UNAUTHORIZED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
class ArchiveController {

    static final int MAX_RETENTION_DAYS = 36_500;

    private final ArchiveStore store;
    private final ReadArchives read;
    private final RuleLimits limits;

    ArchiveController(ArchiveStore store, ReadArchives read, RuleLimits limits) {
        this.store = store;
        this.read = read;
        this.limits = limits;
    }

    record ArchiveList(List<Archive> archives) {
    }

    @Operation(operationId = "createArchive", description = "Creates an archive of a bus's events (those its pattern"
            + " matches, or all) and its partitions; data planes archive from the commit on")
    @ApiResponse(responseCode = "201", description = "Created; ETag and Location headers", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Archive.class)))
    @ApiResponse(responseCode = "404", description = "No such bus", content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = ProblemResponse.CONFLICT, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Post
    HttpResponse<Archive> create(HttpRequest<?> request, @Body ArchiveRequests.CreateArchive body) {
        String name = Names.require("name", body.name());
        String bus = Names.require("bus", body.bus());
        Archive archive = store.create(Caller.of(request), name, bus,
                settings(body.description(), body.eventPattern(), body.retentionDays()));
        return HttpResponse.created(archive, URI.create("/v1/archives/" + name))
                .header("ETag", Versions.etag(archive.version()));
    }

    @Operation(operationId = "listArchives", description = "Archives by name; `?bus=` those of one bus")
    @Get
    ArchiveList list(@Nullable @QueryValue String bus) {
        if (bus != null) {
            Names.require("query: bus", bus);
        }
        return new ArchiveList(read.list(bus));
    }

    @Operation(operationId = "getArchive")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Get("/{name}")
    HttpResponse<Archive> read(String name) {
        Names.require("path: name", name);
        Archive found = read.find(name).orElseThrow(() -> new NotFound("archive '" + name + "' does not exist"));
        return HttpResponse.ok(found).header("ETag", Versions.etag(found.version()));
    }

    @Operation(operationId = "updateArchive", description = "Replaces description, pattern and retention; the bus"
            + " stays")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "412", description = ProblemResponse.PRECONDITION_FAILED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Put("/{name}")
    HttpResponse<Archive> update(HttpRequest<?> request, String name, @Body ArchiveRequests.UpdateArchive body,
                                 @Nullable @Header("If-Match") String ifMatch) {
        Names.require("path: name", name);
        if (body.bus() != null) {
            Names.require("bus", body.bus());
        }
        Archive updated = store.update(Caller.of(request), name, body.bus(),
                settings(body.description(), body.eventPattern(), body.retentionDays()), Versions.required(ifMatch));
        return HttpResponse.ok(updated).header("ETag", Versions.etag(updated.version()));
    }

    @Operation(operationId = "deleteArchive", description = "Deletes the archive and every event it holds; refused"
            + " while a replay of it is active")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "A replay of it is active", content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "412", description = ProblemResponse.PRECONDITION_FAILED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Delete("/{name}")
    HttpResponse<Void> delete(HttpRequest<?> request, String name, @Nullable @Header("If-Match") String ifMatch) {
        Names.require("path: name", name);
        store.delete(Caller.of(request), name, Versions.required(ifMatch));
        return HttpResponse.noContent();
    }

    /** Validates what an archive keeps: a pattern as rules' are validated, and the retention's bounds. */
    private ArchiveStore.Settings settings(@Nullable String description, @Nullable JsonNode eventPattern,
                                           @Nullable Integer retentionDays) {
        String pattern = null;
        if (eventPattern != null && !eventPattern.isNull() && !eventPattern.isMissingNode()) {
            pattern = JsonText.of("eventPattern", eventPattern);
            EventPattern.parse(pattern, limits.patternLimits());
        }
        int days = retentionDays == null ? 0 : retentionDays;
        if (days < 0 || days > MAX_RETENTION_DAYS) {
            throw new ValidationError("retentionDays", "retentionDays must be from 0 (forever) to "
                    + MAX_RETENTION_DAYS + ", not " + days);
        }
        return new ArchiveStore.Settings(description, pattern, days);
    }
}
