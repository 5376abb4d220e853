package io.eventbus.control.queue;

import io.eventbus.control.auth.Caller;
import io.eventbus.control.openapi.ProblemResponse;
import io.eventbus.control.query.Cursor;
import io.eventbus.control.query.Queries;
import io.eventbus.core.name.Names;
import io.eventbus.core.problem.Problem;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.ControlRole;
import io.micronaut.core.annotation.Nullable;
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
 * An operator's view of a queue's messages, with the admin token: {@code messages:peek} (nothing changes; paged,
 * filtered by a dead letter's rule, target and error code), {@code messages:delete}, {@code messages:purge},
 * {@code messages:redrive} (a dead letter back to its target) and {@code messages:bulk-redrive} (every one a filter
 * matches). Consumers use the data
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

    static final int MAX_BULK = 1_000;
    static final int DEFAULT_RATE = 20;
    static final int MAX_RATE = 1_000;

    private final InspectQueue inspect;
    private final RedriveDeadLetters redrive;

    InspectQueueController(InspectQueue inspect, RedriveDeadLetters redrive) {
        this.inspect = inspect;
        this.redrive = redrive;
    }

    record DeleteRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<UUID> messageIds) {
    }

    record DeleteResult(int deleted) {
    }

    /** Which dead letters to redrive (null: any), how many at most, how fast. */
    record BulkRedriveRequest(String rule, String target, String errorCode,
                              @Schema(defaultValue = "1000", minimum = "1", maximum = "1000") Integer limit,
                              @Schema(defaultValue = "20", minimum = "1", maximum = "1000") Integer ratePerSecond,
                              Boolean dryRun) {
    }

    record PurgeResult(int purged) {
    }

    record RedriveRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID messageId) {
    }

    /**
     * The oldest messages, visible or in flight, with their attributes, a page at a time; receive counts and
     * visibility stay as they are.
     */
    @Operation(operationId = "peekQueueMessages", description = "Filters on dead letters' attributes: rule (RULE,"
            + " bus/rule or the rule's name), target (TARGET), errorCode (ERROR_CODE). matched counts every message"
            + " the filter matches; after: the next of the previous page.")
    @Get("/messages:peek")
    InspectQueue.Page peek(String queue, @QueryValue(defaultValue = "20") int limit, @QueryValue @Nullable String rule,
                           @QueryValue @Nullable String target, @QueryValue @Nullable String errorCode,
                           @QueryValue @Nullable String after) {
        Names.require("path: queue", queue);
        if (limit < 1 || limit > MAX_PEEK) {
            throw new ValidationError("query: limit", "limit must be from 1 to " + MAX_PEEK);
        }
        return inspect.peek(queue, MessageFilter.of(rule, target, errorCode), limit, Cursor.parse("after", after, UUID::fromString));
    }

    /** Deletes these messages of the queue, in flight or not; ids it does not have are ignored. */
    @Operation(operationId = "deleteQueueMessages")
    @Post("/messages:delete")
    DeleteResult delete(HttpRequest<?> request, String queue, @Body DeleteRequest body) {
        Names.require("path: queue", queue);
        if (body.messageIds() == null || body.messageIds().isEmpty() || body.messageIds().size() > MAX_PEEK) {
            throw new ValidationError("messageIds", "messageIds must list 1 to " + MAX_PEEK + " message ids");
        }
        return new DeleteResult(inspect.delete(Caller.of(request), queue, body.messageIds()));
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
    RedriveDeadLetters.Redriven redrive(HttpRequest<?> request, String queue, @Body RedriveRequest body) {
        Names.require("path: queue", queue);
        if (body.messageId() == null) {
            throw new ValidationError("messageId", "messageId is required");
        }
        return redrive.redrive(Caller.of(request), queue, body.messageId());
    }

    /**
     * Redrives every dead letter a filter matches, oldest first, at most limit, their new deliveries spread at
     * ratePerSecond; dryRun only counts them. A message whose event, rule or target is gone stays, counted in skipped
     * by reason.
     */
    @Operation(operationId = "redriveDeadLetters")
    @Post("/messages:bulk-redrive")
    RedriveDeadLetters.BulkRedriven redriveAll(HttpRequest<?> request, String queue,
                                               @Body BulkRedriveRequest body) {
        Names.require("path: queue", queue);
        int limit = Queries.within("limit", body.limit(), MAX_BULK, MAX_BULK);
        int rate = Queries.within("ratePerSecond", body.ratePerSecond(), DEFAULT_RATE, MAX_RATE);
        return redrive.redriveAll(Caller.of(request), queue, MessageFilter.of(body.rule(), body.target(),
                body.errorCode()), limit, rate, Boolean.TRUE.equals(body.dryRun()));
    }
}
