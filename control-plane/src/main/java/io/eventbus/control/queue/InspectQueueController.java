package io.eventbus.control.queue;

import io.eventbus.control.auth.Caller;
import io.eventbus.control.openapi.ProblemResponse;
import io.eventbus.core.name.Names;
import io.eventbus.core.problem.Problem;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.ControlRole;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/**
 * An operator's view of a queue's messages, with the admin token: {@code messages:peek} (nothing changes),
 * {@code messages:purge}, {@code messages:redrive} (a dead letter back to its target). Consumers use the data
 * plane's routes of the same queue with an API key.
 */
@Controller("/v1/queues/{queue}")
@ControlRole
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "queues")
@ApiResponse(responseCode = "400", description = ProblemResponse.BAD_REQUEST, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = ProblemResponse.UNAUTHORIZED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
class InspectQueueController {

    static final int MAX_PEEK = 100;

    private final InspectQueue inspect;

    InspectQueueController(InspectQueue inspect) {
        this.inspect = inspect;
    }

    record PeekResult(List<InspectQueue.PeekedMessage> messages) {
    }

    record PurgeResult(int purged) {
    }

    record RedriveRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID messageId) {
    }

    /** The oldest messages, visible or in flight, with their attributes; receive counts and visibility stay as they are. */
    @Operation(operationId = "peekQueueMessages")
    @Get("/messages:peek")
    PeekResult peek(String queue, @QueryValue(defaultValue = "20") int limit) {
        Names.require("path: queue", queue);
        if (limit < 1 || limit > MAX_PEEK) {
            throw new ValidationError("query: limit", "limit must be from 1 to " + MAX_PEEK);
        }
        return new PeekResult(inspect.peek(queue, limit));
    }

    /** Deletes every message of the queue, in flight or not. */
    @Operation(operationId = "purgeQueue")
    @Post("/messages:purge")
    PurgeResult purge(HttpRequest<?> request, String queue) {
        Names.require("path: queue", queue);
        return new PurgeResult(inspect.purge(Caller.of(request), queue));
    }

    /**
     * Sends a dead letter's event again to the target it failed at (its RULE and TARGET attributes), as a new
     * delivery with a first attempt whatever the event's age, and deletes the message.
     */
    @Operation(operationId = "redriveDeadLetter")
    @ApiResponse(responseCode = "409", description = "Not a dead letter, or its event, rule or target is gone", content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Post("/messages:redrive")
    InspectQueue.Redriven redrive(HttpRequest<?> request, String queue, @Body RedriveRequest body) {
        Names.require("path: queue", queue);
        if (body.messageId() == null) {
            throw new ValidationError("messageId", "messageId is required");
        }
        return inspect.redrive(Caller.of(request), queue, body.messageId());
    }
}
