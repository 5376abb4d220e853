package io.eventbus.control.delivery;

import io.eventbus.control.auth.Caller;
import io.eventbus.control.bus.BusStore;
import io.eventbus.control.openapi.ProblemResponse;
import io.eventbus.core.problem.Problem;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.ControlRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
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
 * {@code /v1/bulk-retries}: the bulk retries {@code POST /v1/deliveries:retry} started, with their progress, and
 * their cancel ({@link BulkRetries}).
 */
@Controller("/v1/bulk-retries")
@ControlRole
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "deliveries")
@ApiResponse(responseCode = "400", description = ProblemResponse.BAD_REQUEST, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = ProblemResponse.UNAUTHORIZED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
class BulkRetriesController {

    private final BulkRetries retries;
    private final BusStore buses;

    BulkRetriesController(BulkRetries retries, BusStore buses) {
        this.retries = retries;
        this.buses = buses;
    }

    /** The list's envelope. */
    record BulkRetryList(List<BulkRetryProgress> bulkRetries) {
    }

    @Operation(operationId = "listBulkRetries", summary = "Bulk retries, latest first, with their progress",
            description = "Of one bus with ?bus=; limit 1-" + BulkRetries.MAX_LIST + " (10). Kept for 7 days.")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Get
    BulkRetryList list(@QueryValue @Nullable String bus, @QueryValue @Nullable Integer limit) {
        int n = limit == null ? 10 : limit;
        if (n < 1 || n > BulkRetries.MAX_LIST) {
            throw new ValidationError("query: limit", "limit must be 1 to " + BulkRetries.MAX_LIST + ", not " + n);
        }
        return new BulkRetryList(retries.list(bus == null || bus.isBlank() ? null : buses.id(bus), n));
    }

    @Operation(operationId = "getBulkRetry", summary = "Where a bulk retry stands",
            description = "Of the deliveries it retried: delivered, failed again, still waiting for its attempt,"
                    + " put back by a cancel, gone. RUNNING while some wait, then COMPLETED; CANCELLED once"
                    + " cancelled.")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Get("/{id}")
    BulkRetryProgress read(UUID id) {
        return retries.read(id);
    }

    @Operation(operationId = "cancelBulkRetry", summary = "Stop a bulk retry",
            description = "The deliveries whose retry attempt has not begun go back to what they were before it"
                    + " (RETRYABLE with their next attempt, or DEAD_LETTERED); those attempted keep their outcome."
                    + " Cancelling again answers the same; a retry with nothing left waiting is refused with 409.")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "Nothing is left waiting", content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Post("/{id}:cancel")
    BulkRetryProgress cancel(HttpRequest<?> request, UUID id) {
        return retries.cancel(Caller.of(request), id);
    }
}
