package io.eventbus.control.delivery;

import io.eventbus.control.auth.Caller;
import io.eventbus.control.bus.BusStore;
import io.eventbus.control.openapi.ProblemResponse;
import io.eventbus.control.query.Queries;
import io.eventbus.core.name.Names;
import io.eventbus.core.problem.Problem;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.ControlRole;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/**
 * {@code POST /v1/deliveries:retry}: retry every delivery of a bus that a filter matches ({@link BulkRetry}), or
 * count them. Validates the request before any transaction starts.
 */
@Controller("/v1/deliveries:retry")
@ControlRole
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "deliveries")
@ApiResponse(responseCode = "400", description = ProblemResponse.BAD_REQUEST, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = ProblemResponse.UNAUTHORIZED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
class BulkRetryController {

    private static final List<String> RETRIABLE = List.of("RETRYABLE", "DEAD_LETTERED");
    private static final int DEFAULT_RATE = 20;
    private static final int MAX_RATE = 1_000;
    private static final int MAX_LIMIT = 10_000;

    private final BulkRetry bulk;
    private final BusStore buses;

    BulkRetryController(BulkRetry bulk, BusStore buses) {
        this.bulk = bulk;
        this.buses = buses;
    }

    @Operation(operationId = "retryDeliveries", summary = "Retry every delivery of a bus that did not get through",
            description = "RETRYABLE and DEAD_LETTERED deliveries of the bus (optionally of one rule, one target id,"
                    + " one state, events accepted in [from, to)) become AVAILABLE, each the same delivery with its next"
                    + " attempt, as retryDelivery does, oldest event first, at most limit of them. Their attempts are"
                    + " spread at ratePerSecond so the receiver is not flooded. dryRun: true only counts them.")
    @ApiResponse(responseCode = "200", description = "What matched and what was retried")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Post
    BulkRetried retryAll(HttpRequest<?> request, @Body BulkRetryRequest body) {
        String bus = Names.require("bus", body.bus());
        String rule = body.rule() == null ? null : Names.require("rule", body.rule());
        String target = body.target() == null ? null : Names.require("target", body.target());
        List<String> states = body.states() == null || body.states().isEmpty() ? RETRIABLE : body.states();
        for (int i = 0; i < states.size(); i++) {
            if (!RETRIABLE.contains(states.get(i))) {
                throw new ValidationError("states[" + i + "]", "only RETRYABLE and DEAD_LETTERED deliveries can be"
                        + " retried, not '" + states.get(i) + "'");
            }
        }
        Instant from = Queries.instant("from", "from", body.from());
        Instant to = Queries.instant("to", "to", body.to());
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ValidationError("to", "to must be after from");
        }
        int rate = Queries.within("ratePerSecond", body.ratePerSecond(), DEFAULT_RATE, MAX_RATE);
        int limit = Queries.within("limit", body.limit(), MAX_LIMIT, MAX_LIMIT);
        BulkRetry.Filter filter = new BulkRetry.Filter(buses.id(bus), rule, target, states, from, to);
        return bulk.retry(Caller.of(request), bus, filter, rate, limit, Boolean.TRUE.equals(body.dryRun()));
    }
}
