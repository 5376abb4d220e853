package io.eventbus.control.delivery;

import io.eventbus.control.auth.Caller;
import io.eventbus.control.openapi.ProblemResponse;
import io.eventbus.core.problem.Problem;
import io.eventbus.core.role.ControlRole;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.UUID;

/**
 * {@code /v1/deliveries}: what one sends ({@code GET /v1/deliveries/{id}/request}, {@link ShowRequest}); retry one ({@code POST /v1/deliveries/{id}:retry}, {@link RetryDelivery}); every one a
 * filter matches is {@link BulkRetryController}'s.
 */
@Controller("/v1/deliveries")
@ControlRole
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "deliveries")
@ApiResponse(responseCode = "400", description = ProblemResponse.BAD_REQUEST, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = ProblemResponse.UNAUTHORIZED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
class DeliveryController {

    private final RetryDelivery retry;
    private final ShowRequest request;

    DeliveryController(RetryDelivery retry, ShowRequest request) {
        this.retry = retry;
        this.request = request;
    }

    @Operation(operationId = "getDeliveryRequest", summary = "What a delivery sends its target",
            description = "For a webhook: method, URL, headers and body, made from the stored event by the code that"
                    + " sends it, with the target's settings as they are now (settingsChangedSince says when the rule"
                    + " was saved after the last attempt) and the last attempt's webhook-timestamp. The signature and"
                    + " a connection's header are masked. For a queue: the queue and the message body. A target whose"
                    + " input transformation fails on the event has error instead.")
    @ApiResponse(responseCode = "404", description = "No such delivery, or its event or target is gone", content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Get("/{id}/request")
    DeliveryRequest request(UUID id) {
        return request.show(id);
    }

    @Operation(operationId = "retryDelivery", summary = "Send a delivery that did not get through again, now",
            description = "A RETRYABLE or DEAD_LETTERED delivery (ids are in getEvent's deliveries) becomes"
                    + " AVAILABLE and due now: a data plane attempts it within a second or so, as a new attempt of the"
                    + " same delivery (same webhook-id). After a dead letter, that is one attempt beyond the retry"
                    + " policy; if it fails too, the delivery is dead-lettered again. The earlier dead-letter"
                    + " message stays in its queue.")
    @ApiResponse(responseCode = "202", description = "The delivery, due now")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "The delivery is DELIVERED, or already AVAILABLE or RUNNING", content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Post("/{id}:retry")
    @Status(HttpStatus.ACCEPTED)
    RetriedDelivery retry(HttpRequest<?> request, UUID id) {
        return retry.retry(Caller.of(request), id);
    }
}
