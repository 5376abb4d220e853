package io.eventbus.control.bus;

import io.eventbus.control.openapi.ProblemResponse;
import io.eventbus.core.problem.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;

import io.eventbus.control.auth.Caller;
import io.eventbus.control.concurrency.Versions;
import io.eventbus.control.queue.QueueStore;
import io.eventbus.core.name.Names;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.ControlRole;
import io.eventbus.core.schema.SchemaValidation;
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
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/** {@code /v1/buses}: create, list, read, update, delete event buses. */
@Controller("/v1/buses")
@ControlRole
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "buses")
@ApiResponse(responseCode = "400", description = ProblemResponse.BAD_REQUEST, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = ProblemResponse.UNAUTHORIZED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
class BusController {

    private final BusStore store;
    private final QueueStore queues;

    BusController(BusStore store, QueueStore queues) {
        this.store = store;
        this.queues = queues;
    }

    record BusList(List<Bus> buses) {
    }

    @Operation(operationId = "createBus")
    @ApiResponse(responseCode = "201", description = "Created; ETag and Location headers", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Bus.class)))
    @ApiResponse(responseCode = "409", description = ProblemResponse.CONFLICT, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Post
    HttpResponse<Bus> create(HttpRequest<?> request, @Body BusRequests.CreateBusRequest body) {
        String name = Names.require("name", body.name());
        Bus bus = store.create(Caller.of(request), name, body.description(), settings(body.settings()));
        return HttpResponse.created(bus, URI.create("/v1/buses/" + name)).header("ETag", Versions.etag(bus.version()));
    }

    @Operation(operationId = "listBuses")
    @Get
    BusList list() {
        return new BusList(store.list());
    }

    @Operation(operationId = "getBus")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Get("/{bus}")
    HttpResponse<Bus> read(String bus) {
        Names.require("path: bus", bus);
        Bus found = store.find(bus).orElseThrow(() -> new NotFound("bus '" + bus + "' does not exist"));
        return HttpResponse.ok(found).header("ETag", Versions.etag(found.version()));
    }

    @Operation(operationId = "updateBus")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "412", description = ProblemResponse.PRECONDITION_FAILED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Put("/{bus}")
    HttpResponse<Bus> update(HttpRequest<?> request, String bus, @Body BusRequests.UpdateBusRequest body,
                             @Nullable @Header("If-Match") String ifMatch) {
        Names.require("path: bus", bus);
        Bus updated = store.update(Caller.of(request), bus, body.description(), settings(body.settings()),
                Versions.required(ifMatch));
        return HttpResponse.ok(updated).header("ETag", Versions.etag(updated.version()));
    }

    @Operation(operationId = "deleteBus")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "The default bus, or it has rules (without ?force=true) or archives", content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "412", description = ProblemResponse.PRECONDITION_FAILED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Delete("/{bus}")
    HttpResponse<Void> delete(HttpRequest<?> request, String bus, @QueryValue(defaultValue = "false") boolean force,
                              @Nullable @Header("If-Match") String ifMatch) {
        Names.require("path: bus", bus);
        store.delete(Caller.of(request), bus, force, Versions.required(ifMatch));
        return HttpResponse.noContent();
    }

    private BusStore.ValidSettings settings(@Nullable BusSettings settings) {
        int days = settings == null || settings.eventRetentionDays() == null
                ? BusSettings.DEFAULT_RETENTION_DAYS : settings.eventRetentionDays();
        if (days < 1 || days > BusSettings.MAX_RETENTION_DAYS) {
            throw new ValidationError("settings.eventRetentionDays", "settings.eventRetentionDays must be from 1 to "
                    + BusSettings.MAX_RETENTION_DAYS + ", not " + days);
        }
        String dlq = settings == null ? null : settings.deadLetterQueue();
        Long dlqId = null;
        if (dlq != null) {
            Names.require("settings.deadLetterQueue", dlq);
            dlqId = queues.idOf(dlq).orElseThrow(() -> new ValidationError("settings.deadLetterQueue",
                    "settings.deadLetterQueue names queue '" + dlq + "', which does not exist; create it first"));
        }
        SchemaValidation validation = settings == null || settings.schemaValidation() == null
                ? SchemaValidation.OFF : settings.schemaValidation();
        boolean requireSchema = settings != null && Boolean.TRUE.equals(settings.requireSchema());
        boolean discovery = settings != null && Boolean.TRUE.equals(settings.schemaDiscovery());
        return new BusStore.ValidSettings(days, dlq, dlqId, validation, requireSchema, discovery);
    }
}
