package io.eventbus.control.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.control.auth.Caller;
import io.eventbus.control.concurrency.Versions;
import io.eventbus.control.openapi.ProblemResponse;
import io.eventbus.control.schema.SchemaViews.PutResult;
import io.eventbus.control.schema.SchemaViews.SchemaDetail;
import io.eventbus.control.schema.SchemaViews.SchemaList;
import io.eventbus.control.schema.SchemaViews.SchemaVersion;
import io.eventbus.control.schema.SchemaViews.ValidationResult;
import io.eventbus.core.json.JsonText;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.problem.Problem;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.ControlRole;
import io.eventbus.core.schema.Compatibility;
import io.eventbus.core.schema.CompiledSchema;
import io.eventbus.core.schema.JavaRecords;
import io.eventbus.core.schema.SchemaFingerprint;
import io.eventbus.core.schema.SchemaFormat;
import io.eventbus.core.schema.SchemaNames;
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
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * {@code /v1/schemas}: the schema registry. A schema describes the {@code detail} of one kind of event and is named
 * {@code <source>@<DetailTypeWithoutSpaces>}; each put of new content adds an immutable numbered version, when the
 * schema's compatibility setting allows it.
 */
@Controller("/v1/schemas")
@ControlRole
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "schemas")
@ApiResponse(responseCode = "400", description = ProblemResponse.BAD_REQUEST, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = ProblemResponse.UNAUTHORIZED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
class SchemaController {

    private final SchemaStore store;
    private final ObjectMapper json;

    SchemaController(SchemaStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    @Operation(operationId = "putSchema", description = "Registers the content as the schema's next version (201), or"
            + " answers the version that already has this content (200, settings updated). A version that breaks the"
            + " compatibility setting is refused with 409 IncompatibleSchema and the reasons.")
    @ApiResponse(responseCode = "200", description = "A version already had this content; ETag header", content = @Content(mediaType = "application/json", schema = @Schema(implementation = PutResult.class)))
    @ApiResponse(responseCode = "201", description = "A new version; ETag and Location headers", content = @Content(mediaType = "application/json", schema = @Schema(implementation = PutResult.class)))
    @ApiResponse(responseCode = "409", description = ProblemResponse.CONFLICT + "; IncompatibleSchema: the new version breaks the compatibility setting", content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "412", description = ProblemResponse.PRECONDITION_FAILED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Put("/{name}")
    HttpResponse<PutResult> put(HttpRequest<?> request, String name, @Body SchemaRequests.PutSchema body,
                                @Nullable @Header("If-Match") String ifMatch) {
        SchemaNames.require("path: name", name);
        SchemaFormat format = format(body.format());
        Compatibility compatibility = compatibility(body.compatibility());
        CompiledSchema schema = CompiledSchema.compile(format, JsonText.of("content", body.content()));
        PutResult result = store.register(Caller.of(request), new SchemaStore.Registration(name, schema,
                SchemaFingerprint.of(schema.content()), compatibility, body.description(), false),
                Versions.required(ifMatch));
        String etag = Versions.etag(store.etagVersion(name).orElseThrow());
        return result.created()
                ? HttpResponse.created(result, URI.create("/v1/schemas/" + name + "/versions/" + result.version()))
                        .header("ETag", etag)
                : HttpResponse.ok(result).header("ETag", etag);
    }

    @Operation(operationId = "listSchemas")
    @Get
    SchemaList list() {
        return new SchemaList(store.list());
    }

    @Operation(operationId = "getSchema", description = "The schema with its latest document and its versions")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Get("/{name}")
    HttpResponse<SchemaDetail> read(String name) {
        SchemaNames.require("path: name", name);
        SchemaDetail found = store.detail(name).orElseThrow(() -> missing(name));
        return HttpResponse.ok(found).header("ETag", Versions.etag(store.etagVersion(name).orElseThrow()));
    }

    @Operation(operationId = "getSchemaVersion", description = "One version with its document; `latest` names the latest")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Get("/{name}/versions/{version}")
    SchemaVersion readVersion(String name, String version) {
        SchemaNames.require("path: name", name);
        Integer number = versionNumber("path: version", version);
        return found(name, number);
    }

    /** Version {@code number} of the schema (null: the latest), or 404 saying whether the schema or the version is missing. */
    private SchemaVersion found(String name, @Nullable Integer number) {
        return store.version(name, number).orElseThrow(() -> store.etagVersion(name).isEmpty() ? missing(name)
                : new NotFound("schema '" + name + "' has no version " + number));
    }

    @Operation(operationId = "getSchemaVersionJava", description = "Java code bindings of a version: one source file"
            + " with a record for the event's detail and a nested record for each object in it, for Jackson to read"
            + " details into; `?package=` names its package")
    @ApiResponse(responseCode = "200", description = "The Java source file", content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Get(uri = "/{name}/versions/{version}/java", produces = "text/plain; charset=utf-8")
    String readVersionAsJava(String name, String version, @Nullable @QueryValue("package") String javaPackage) {
        SchemaVersion found = readVersion(name, version);
        try {
            return JavaRecords.of(found.name(), found.version(), found.content(), javaPackage);
        } catch (IllegalArgumentException e) {
            throw new ValidationError("query: package", e.getMessage());
        }
    }

    @Operation(operationId = "deleteSchema", description = "Deletes the schema and every version of it")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "412", description = ProblemResponse.PRECONDITION_FAILED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Delete("/{name}")
    HttpResponse<Void> delete(HttpRequest<?> request, String name, @Nullable @Header("If-Match") String ifMatch) {
        SchemaNames.require("path: name", name);
        store.delete(Caller.of(request), name, Versions.required(ifMatch));
        return HttpResponse.noContent();
    }

    @Operation(operationId = "validateAgainstSchema", description = "Checks a sample detail against a version (the"
            + " latest by default): valid, or each violation with its JSON pointer in the detail and its reason")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Post("/{name}/validate")
    ValidationResult validate(String name, @Body SchemaRequests.Validate body) {
        SchemaNames.require("path: name", name);
        if (body.version() != null && body.version() < 1) {
            throw new ValidationError("version", "version must be 1 or more, not " + body.version());
        }
        SchemaVersion version = found(name, body.version());
        JsonNode detail = detail(body.detail());
        var violations = CompiledSchema.compile(SchemaFormat.fromWireName(version.format()).orElseThrow(),
                version.content().toString()).validate(detail);
        return new ValidationResult(name, version.version(), violations.isEmpty(), violations);
    }

    private JsonNode detail(JsonNode given) {
        String text = JsonText.of("detail", given);
        try {
            JsonNode detail = json.readTree(text);
            if (detail == null || !detail.isObject()) {
                throw new ValidationError("detail", "detail must be a JSON object, as an event's detail is");
            }
            return detail;
        } catch (JsonProcessingException e) {
            throw new ValidationError("detail", "detail is not JSON: " + e.getOriginalMessage());
        }
    }

    private static SchemaFormat format(@Nullable String given) {
        if (given == null) {
            return SchemaFormat.JSON_SCHEMA_DRAFT4;
        }
        return SchemaFormat.fromWireName(given).orElseThrow(() -> new ValidationError("format", "format '" + given
                + "' is not known: use " + Arrays.stream(SchemaFormat.values()).map(SchemaFormat::wireName)
                .collect(Collectors.joining(" or "))));
    }

    private static Compatibility compatibility(@Nullable String given) {
        if (given == null) {
            return Compatibility.BACKWARD;
        }
        try {
            return Compatibility.valueOf(given);
        } catch (IllegalArgumentException e) {
            throw new ValidationError("compatibility", "compatibility '" + given + "' is not known: use one of "
                    + Arrays.stream(Compatibility.values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    private static Integer versionNumber(String location, String given) {
        if ("latest".equals(given)) {
            return null;
        }
        try {
            int number = Integer.parseInt(given);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ValidationError(location, "version '" + given + "' is not a version: use a number from 1, or latest");
    }

    private static NotFound missing(String name) {
        return new NotFound("schema '" + name + "' does not exist");
    }
}
