package io.eventbus.control.apikey;

import io.eventbus.control.openapi.ProblemResponse;
import io.eventbus.core.problem.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import io.eventbus.control.auth.Caller;
import io.eventbus.control.bus.BusStore;
import io.eventbus.control.queue.QueueStore;
import io.eventbus.core.name.Names;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.ControlRole;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * {@code /v1/api-keys}: keys that producers use to put events on buses and consumers use to send, receive and
 * delete queue messages. A key has two scopes, {@code buses} and {@code queues}; it needs at least one bus or
 * queue.
 */
@Controller("/v1/api-keys")
@ControlRole
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "api-keys")
@ApiResponse(responseCode = "400", description = ProblemResponse.BAD_REQUEST, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = ProblemResponse.UNAUTHORIZED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
class ApiKeyController {

    static final String ALL = "*";
    static final int MAX_NAMES = 100;

    private final ApiKeyStore store;
    private final BusStore buses;
    private final QueueStore queues;

    ApiKeyController(ApiKeyStore store, BusStore buses, QueueStore queues) {
        this.store = store;
        this.buses = buses;
        this.queues = queues;
    }

    /**
     * {@code buses}: the buses the key may put events on; {@code queues}: the queues whose messages it may send,
     * receive and delete; {@code ["*"]} for all. At least one of them lists something.
     */
    record CreateApiKeyRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "[A-Za-z0-9._-]{1,64}") String name,
            @Schema(description = "Buses it may put events on, or [\"*\"] for every bus") List<String> buses,
            @Schema(description = "Queues whose messages it may send, receive and delete, or [\"*\"] for every queue") List<String> queues) {
    }

    record ApiKeyList(List<ApiKey> apiKeys) {
    }

    /** {@code PUT /v1/api-keys/{id}}: what the key may do from now on, as at creation. */
    record UpdateApiKeyRequest(
            @Schema(description = "Buses it may put events on, or [\"*\"] for every bus") List<String> buses,
            @Schema(description = "Queues whose messages it may send, receive and delete, or [\"*\"] for every queue") List<String> queues) {
    }

    @Operation(operationId = "createApiKey")
    @ApiResponse(responseCode = "201", description = "Created; the only answer that shows the secret", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiKey.class)))
    @ApiResponse(responseCode = "409", description = ProblemResponse.CONFLICT, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Post
    HttpResponse<ApiKey> create(HttpRequest<?> request, @Body CreateApiKeyRequest body) {
        String name = Names.require("name", body.name());
        List<String> allowedBuses = scope("buses", "bus", body.buses(), bus -> buses.find(bus).isPresent());
        List<String> allowedQueues = scope("queues", "queue", body.queues(), queue -> queues.idOf(queue).isPresent());
        requireSome(allowedBuses, allowedQueues);
        ApiKey key = store.create(Caller.of(request), name, allowedBuses, allowedQueues);
        return HttpResponse.created(key, URI.create("/v1/api-keys/" + key.id()));
    }

    @Operation(operationId = "listApiKeys")
    @Get
    ApiKeyList list() {
        return new ApiKeyList(store.list());
    }

    @Operation(operationId = "getApiKey")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Get("/{id}")
    ApiKey read(UUID id) {
        return store.find(id).orElseThrow(() -> new NotFound("API key " + id + " does not exist"));
    }

    @Operation(operationId = "updateApiKey", summary = "Change the buses and queues a key may use",
            description = "Its secret stays. Data planes see the change within eventbus.ingest.api-key-cache-seconds"
                    + " (5 s by default).")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "The key is revoked", content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Put("/{id}")
    ApiKey update(HttpRequest<?> request, UUID id, @Body UpdateApiKeyRequest body) {
        List<String> allowedBuses = scope("buses", "bus", body.buses(), bus -> buses.find(bus).isPresent());
        List<String> allowedQueues = scope("queues", "queue", body.queues(), queue -> queues.idOf(queue).isPresent());
        requireSome(allowedBuses, allowedQueues);
        return store.updateScope(Caller.of(request), id, allowedBuses, allowedQueues);
    }

    @Operation(operationId = "revokeApiKey")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    /** Revokes the key: ingestion refuses it from now on. The key stays listed, with {@code revokedAt}. */
    @Delete("/{id}")
    HttpResponse<Void> revoke(HttpRequest<?> request, UUID id) {
        store.revoke(Caller.of(request), id);
        return HttpResponse.noContent();
    }

    private static void requireSome(List<String> allowedBuses, List<String> allowedQueues) {
        if (allowedBuses.isEmpty() && allowedQueues.isEmpty()) {
            throw new ValidationError("buses", "An API key needs at least one bus (buses) or queue (queues),"
                    + " or [\"*\"] for all of them");
        }
    }

    /** The names of {@code field}, each an existing {@code kind}; {@code ["*"]} alone; empty when absent. */
    private static List<String> scope(String field, String kind, List<String> requested, Predicate<String> exists) {
        if (requested == null || requested.isEmpty()) {
            return List.of();
        }
        if (requested.size() > MAX_NAMES) {
            throw new ValidationError(field, field + " may list at most " + MAX_NAMES + " names; use [\"*\"] for all");
        }
        if (requested.contains(ALL)) {
            if (requested.size() > 1) {
                throw new ValidationError(field, "\"*\" already means every " + kind + "; list it alone");
            }
            return requested;
        }
        for (int i = 0; i < requested.size(); i++) {
            String location = field + "[" + i + "]";
            String name = Names.require(location, requested.get(i));
            if (!exists.test(name)) {
                throw new ValidationError(location, kind + " '" + name + "' does not exist");
            }
        }
        return List.copyOf(new LinkedHashSet<>(requested));
    }
}
