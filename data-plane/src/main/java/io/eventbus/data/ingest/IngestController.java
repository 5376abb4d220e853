package io.eventbus.data.ingest;

import io.eventbus.core.auth.ProducerApi;
import io.eventbus.core.http.RequestBodies;
import io.eventbus.core.name.Names;
import io.eventbus.core.problem.Problem;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.DataRole;
import io.eventbus.data.auth.AllowPutEvents;
import io.eventbus.data.ingest.cloudevents.ReadCloudEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Named;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Producers put events: {@code POST /v1/buses/{bus}/events} (native JSON) and
 * {@code POST /v1/buses/{bus}/cloudevents} (CloudEvents 1.0 HTTP binding: binary, structured, batch), with an
 * API key allowed on the bus, or the admin's credentials (the admin token, or the console's session: the console's
 * "Send event"; {@link AllowPutEvents}). The answer comes after the accepted events are committed.
 * <p>
 * A native put that needs nothing read from the database before its commit (its credentials, its bus' rules and
 * its schemas are known in memory) and whose body is small runs on the event loop that read it; any other goes to
 * the blocking pool. That saves a hand-over between threads per put, a tenth of the CPU of an event end to end.
 */
@Controller("/v1/buses/{bus}")
@DataRole
@ProducerApi
@Tag(name = "ingest")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "consoleSession")
@ApiResponse(responseCode = "400", description = "The request as a whole is unreadable", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = "No credentials, or an unknown or revoked API key", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "403", description = "The API key is not allowed on this bus, or the console's session was sent from another site", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "404", description = "No such bus", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "413", description = "The body is larger than 1 MiB", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "503", description = "Overloaded or the database is unavailable; nothing was stored", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
class IngestController {

    /** Native put: {@code {"entries": [{"source", "detailType", "detail", "resources"?, "time"?, "idempotencyKey"?}]}}. */
    record PutEventsRequest(List<Map<String, Object>> entries) {
    }

    /** Bodies up to this size are read on the event loop (a few microseconds); larger ones on the blocking pool. */
    static final int MAX_INLINE_BODY = 64 * 1024;

    private final AllowPutEvents allow;
    private final ReadEntries readEntries;
    private final AcceptEvents accept;
    private final ExecutorService blocking;
    private final Timer latency;

    IngestController(AllowPutEvents allow, ReadEntries readEntries, AcceptEvents accept,
                     @Named(TaskExecutors.BLOCKING) ExecutorService blocking, @Nullable MeterRegistry meters) {
        this.allow = allow;
        this.readEntries = readEntries;
        this.accept = accept;
        this.blocking = blocking;
        this.latency = meters == null ? null : Timer.builder("eventbus.ingest.latency")
                .description("From request to acknowledgement of a put").publishPercentileHistogram().register(meters);
    }

    @Post(uri = "/events", consumes = MediaType.ALL)
    @Operation(operationId = "putEvents", summary = "Put events on a bus",
            description = "With an API key whose buses hold this one, or the admin's credentials: the admin token, or"
                    + " the console's session cookie (the console's Send event); a put with the cookie from another"
                    + " site is refused with 403.", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PutEventsRequest.class))))
    @ApiResponse(responseCode = "200", description = "One result per entry", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PutEventsResponse.class)))
    CompletableFuture<PutEventsResponse> putEvents(String bus, HttpRequest<?> request, @Body byte[] body) throws IOException {
        long started = System.nanoTime();
        Names.require("path: bus", bus);
        if (body == null || body.length > MAX_INLINE_BODY || !allow.checksFromMemory(request)) {
            return timed(onBlockingPool(() -> {
                allow.check(request, bus);
                return accept.accept(bus, readEntries.read(body));
            }), started);
        }
        allow.check(request, bus);
        List<ParsedEntry> entries = readEntries.read(body);
        if (!accept.checksFromMemory(bus, entries)) {
            return timed(onBlockingPool(() -> accept.accept(bus, entries)), started);
        }
        return timed(accept.accept(bus, entries), started);
    }

    @Post(uri = "/cloudevents", consumes = MediaType.ALL)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "putCloudEvents", description = "CloudEvents 1.0 HTTP binding: binary (ce-* headers),"
            + " structured (application/cloudevents+json) or batch (application/cloudevents-batch+json)")
    @ApiResponse(responseCode = "200", description = "One result per event", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PutEventsResponse.class)))
    CompletableFuture<PutEventsResponse> putCloudEvents(String bus, HttpRequest<?> request,
                                                        @Nullable @Body InputStream body) throws IOException {
        long started = System.nanoTime();
        Names.require("path: bus", bus);
        allow.check(request, bus);
        String contentType = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
        byte[] bytes = RequestBodies.bytes(body);
        List<ParsedEntry> entries = ReadCloudEvents.read(contentType, request.getHeaders().asMap(),
                bytes == null ? new byte[0] : bytes);
        refuseASingleBadEvent(contentType, entries);
        return timed(accept.accept(bus, entries), started);
    }

    /**
     * One event (structured mode) that is refused is a 400, as in binary mode: CloudEvents senders look at the
     * status code. In a batch, each event has its own result.
     */
    private static void refuseASingleBadEvent(String contentType, List<ParsedEntry> entries) {
        boolean structured = contentType != null
                && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/cloudevents+json");
        if (structured && entries.size() == 1 && !entries.get(0).isOk()) {
            throw new ValidationError("body", entries.get(0).error().errorMessage());
        }
    }

    /** A put that may read the database, on the blocking pool. */
    private CompletableFuture<PutEventsResponse> onBlockingPool(Callable<CompletableFuture<PutEventsResponse>> put) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return put.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, blocking).thenCompose(answer -> answer);
    }

    private CompletableFuture<PutEventsResponse> timed(CompletableFuture<PutEventsResponse> result, long started) {
        if (latency == null) {
            return result;
        }
        return result.whenComplete((r, e) -> latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
    }
}
