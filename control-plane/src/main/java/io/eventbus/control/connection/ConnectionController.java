package io.eventbus.control.connection;

import io.eventbus.control.auth.Caller;
import io.eventbus.control.concurrency.Versions;
import io.eventbus.control.openapi.ProblemResponse;
import io.eventbus.core.name.Names;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.problem.Problem;
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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/**
 * {@code /v1/connections}: how webhook targets authenticate (basic, API key, OAuth client credentials). Secrets
 * are write-only: no answer contains a password, API key value or client secret.
 */
@Controller("/v1/connections")
@ControlRole
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "connections")
@ApiResponse(responseCode = "400", description = ProblemResponse.BAD_REQUEST, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = ProblemResponse.UNAUTHORIZED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
class ConnectionController {

    private final ConnectionStore store;
    private final ValidateConnection validate;

    ConnectionController(ConnectionStore store, ValidateConnection validate) {
        this.store = store;
        this.validate = validate;
    }

    record ConnectionList(List<Connection> connections) {
    }

    @Operation(operationId = "createConnection")
    @ApiResponse(responseCode = "201", description = "Created; ETag and Location headers", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Connection.class)))
    @ApiResponse(responseCode = "409", description = ProblemResponse.CONFLICT, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Post
    HttpResponse<Connection> create(HttpRequest<?> request, @Body ConnectionRequests.CreateConnectionRequest body) {
        String name = Names.require("name", body.name());
        ValidateConnection.ValidConnection valid = validate.validate(body.authorizationType(), body.authParameters(), true);
        Connection created = store.create(Caller.of(request), name, body.description(), valid);
        return HttpResponse.created(created, URI.create("/v1/connections/" + name))
                .header("ETag", Versions.etag(created.version()));
    }

    @Operation(operationId = "listConnections")
    @Get
    ConnectionList list() {
        return new ConnectionList(store.list());
    }

    @Operation(operationId = "getConnection")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Get("/{connection}")
    HttpResponse<Connection> read(String connection) {
        Names.require("path: connection", connection);
        Connection found = store.find(connection)
                .orElseThrow(() -> new NotFound("connection '" + connection + "' does not exist"));
        return HttpResponse.ok(found).header("ETag", Versions.etag(found.version()));
    }

    @Operation(operationId = "updateConnection")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "412", description = ProblemResponse.PRECONDITION_FAILED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Put("/{connection}")
    HttpResponse<Connection> update(HttpRequest<?> request, String connection,
                                    @Body ConnectionRequests.UpdateConnectionRequest body,
                                    @Nullable @Header("If-Match") String ifMatch) {
        Names.require("path: connection", connection);
        ValidateConnection.ValidConnection valid = validate.validate(body.authorizationType(), body.authParameters(), false);
        Connection updated = store.update(Caller.of(request), connection, body.description(), valid,
                Versions.required(ifMatch));
        return HttpResponse.ok(updated).header("ETag", Versions.etag(updated.version()));
    }

    @Operation(operationId = "deleteConnection")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = ProblemResponse.CONFLICT, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "412", description = ProblemResponse.PRECONDITION_FAILED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Delete("/{connection}")
    HttpResponse<Void> delete(HttpRequest<?> request, String connection, @Nullable @Header("If-Match") String ifMatch) {
        Names.require("path: connection", connection);
        store.delete(Caller.of(request), connection, Versions.required(ifMatch));
        return HttpResponse.noContent();
    }
}
