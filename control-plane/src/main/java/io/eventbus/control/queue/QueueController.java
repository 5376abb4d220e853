package io.eventbus.control.queue;

import io.eventbus.control.openapi.ProblemResponse;
import io.eventbus.core.problem.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;

import io.eventbus.control.auth.Caller;
import io.eventbus.control.concurrency.Versions;
import io.eventbus.core.name.Names;
import io.eventbus.core.problem.NotFound;
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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/** {@code /v1/queues}: the built-in queues that targets and dead-letter queues name. */
@Controller("/v1/queues")
@ControlRole
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "queues")
@ApiResponse(responseCode = "400", description = ProblemResponse.BAD_REQUEST, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = ProblemResponse.UNAUTHORIZED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
class QueueController {

    private final QueueStore store;

    QueueController(QueueStore store) {
        this.store = store;
    }

    record QueueList(List<Queue> queues) {
    }

    @Operation(operationId = "createQueue")
    @ApiResponse(responseCode = "201", description = "Created; ETag and Location headers", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Queue.class)))
    @ApiResponse(responseCode = "409", description = ProblemResponse.CONFLICT, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Post
    HttpResponse<Queue> create(HttpRequest<?> request, @Body QueueRequests.CreateQueueRequest body) {
        String name = Names.require("name", body.name());
        int visibility = visibility(body.visibilityTimeoutSeconds());
        int retention = retention(body.messageRetentionSeconds());
        Queue queue = store.create(Caller.of(request), name, body.description(), visibility, retention);
        return HttpResponse.created(queue, URI.create("/v1/queues/" + name)).header("ETag", Versions.etag(queue.version()));
    }

    @Operation(operationId = "listQueues")
    @Get
    QueueList list() {
        return new QueueList(store.list());
    }

    @Operation(operationId = "getQueue")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Get("/{queue}")
    HttpResponse<Queue> read(String queue) {
        Names.require("path: queue", queue);
        Queue found = store.find(queue).orElseThrow(() -> new NotFound("queue '" + queue + "' does not exist"));
        return HttpResponse.ok(found).header("ETag", Versions.etag(found.version()));
    }

    @Operation(operationId = "updateQueue", description = "The visibility timeout applies to the next receives; the"
            + " retention to every message (those older than it expire). If-Match: the ETag read.")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "412", description = ProblemResponse.PRECONDITION_FAILED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Put("/{queue}")
    HttpResponse<Queue> update(HttpRequest<?> request, String queue, @Body QueueRequests.UpdateQueueRequest body,
                               @Nullable @Header("If-Match") String ifMatch) {
        Names.require("path: queue", queue);
        Queue updated = store.update(Caller.of(request), queue, body.description(),
                visibility(body.visibilityTimeoutSeconds()), retention(body.messageRetentionSeconds()),
                Versions.required(ifMatch));
        return HttpResponse.ok(updated).header("ETag", Versions.etag(updated.version()));
    }

    @Operation(operationId = "deleteQueue")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = ProblemResponse.CONFLICT, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "412", description = ProblemResponse.PRECONDITION_FAILED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Delete("/{queue}")
    HttpResponse<Void> delete(HttpRequest<?> request, String queue, @Nullable @Header("If-Match") String ifMatch) {
        Names.require("path: queue", queue);
        store.delete(Caller.of(request), queue, Versions.required(ifMatch));
        return HttpResponse.noContent();
    }

    private static int visibility(Integer seconds) {
        return range("visibilityTimeoutSeconds", seconds, 30, 0, 43_200);
    }

    private static int retention(Integer seconds) {
        return range("messageRetentionSeconds", seconds, 345_600, 60, 1_209_600);
    }

    private static int range(String field, Integer value, int fallback, int min, int max) {
        int v = value == null ? fallback : value;
        if (v < min || v > max) {
            throw new ValidationError(field, field + " must be from " + min + " to " + max + ", not " + v);
        }
        return v;
    }
}
