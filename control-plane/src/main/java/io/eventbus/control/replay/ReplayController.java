package io.eventbus.control.replay;

import io.eventbus.control.auth.Caller;
import io.eventbus.control.openapi.ProblemResponse;
import io.eventbus.core.name.Names;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.problem.Problem;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.replay.ReplayState;
import io.eventbus.core.role.ControlRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code /v1/replays}: start a replay of an archive's time window, list and read replays with their progress, and
 * cancel one ({@code POST /v1/replays/{name}:cancel}). Validates requests before any transaction starts;
 * {@link ReplayStore} writes.
 */
@Controller("/v1/replays")
@ControlRole
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "replays")
@ApiResponse(responseCode = "400", description = ProblemResponse.BAD_REQUEST, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = ProblemResponse.UNAUTHORIZED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
class ReplayController {

    static final int MAX_RATE_PER_SECOND = 1_000_000;

    private final ReplayStore store;

    ReplayController(ReplayStore store) {
        this.store = store;
    }

    record ReplayList(List<Replay> replays) {
    }

    @Operation(operationId = "startReplay", description = "Creates a replay in STARTING; a data plane takes it at once")
    @ApiResponse(responseCode = "201", description = "Created; Location header", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Replay.class)))
    @ApiResponse(responseCode = "404", description = "No such archive", content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = ProblemResponse.CONFLICT, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Post
    HttpResponse<Replay> create(HttpRequest<?> request, @Body ReplayRequests.CreateReplay body) {
        String name = Names.require("name", body.name());
        String archive = Names.require("archive", body.archive());
        Instant start = instant("eventStartTime", body.eventStartTime());
        Instant end = instant("eventEndTime", body.eventEndTime());
        if (!end.isAfter(start)) {
            throw new ValidationError("eventEndTime", "eventEndTime must be after eventStartTime (the window is start"
                    + " inclusive, end exclusive), not " + end + " for a start of " + start);
        }
        Integer rate = body.rateLimitPerSecond();
        if (rate != null && (rate < 1 || rate > MAX_RATE_PER_SECOND)) {
            throw new ValidationError("rateLimitPerSecond", "rateLimitPerSecond must be from 1 to "
                    + MAX_RATE_PER_SECOND + ", not " + rate);
        }
        Replay replay = store.create(Caller.of(request), new ReplayStore.NewReplay(name, archive, body.description(),
                start, end, rules(body.rules()), rate));
        return HttpResponse.created(replay, URI.create("/v1/replays/" + name));
    }

    @Operation(operationId = "listReplays", description = "Replays, newest first; `?archive=` and `?state=` narrow the"
            + " list")
    @Get
    ReplayList list(@Nullable @QueryValue String archive, @Nullable @QueryValue String state) {
        if (archive != null) {
            Names.require("query: archive", archive);
        }
        return new ReplayList(store.list(archive, state == null ? null : state(state)));
    }

    @Operation(operationId = "getReplay")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Get("/{name}")
    Replay read(String name) {
        Names.require("path: name", name);
        return store.find(name).orElseThrow(() -> new NotFound("replay '" + name + "' does not exist"));
    }

    @Operation(operationId = "cancelReplay", description = "STARTING or RUNNING becomes CANCELLING, which the data"
            + " plane turns into CANCELLED before its next page; CANCELLING stays as it is")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "The replay is already COMPLETED, CANCELLED or FAILED", content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Post("/{name}:cancel")
    Replay cancel(HttpRequest<?> request, String name) {
        Names.require("path: name", name);
        return store.cancel(Caller.of(request), name);
    }

    /** Valid rule names in the order given, each once; null (every rule) stays null. */
    private static List<String> rules(@Nullable List<String> given) {
        if (given == null) {
            return null;
        }
        if (given.isEmpty()) {
            throw new ValidationError("rules", "rules must name at least one rule of the bus, or be left out to"
                    + " replay into every rule");
        }
        List<String> rules = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String rule = Names.require("rules[" + i + "]", given.get(i));
            if (!rules.contains(rule)) {
                rules.add(rule);
            }
        }
        return rules;
    }

    private static Instant instant(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationError(field, field + " is required");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ValidationError(field, field + " must be an ISO-8601 instant such as 2026-12-07T10:00:00Z, not '"
                    + value + "'");
        }
    }

    private static ReplayState state(String given) {
        try {
            return ReplayState.valueOf(given);
        } catch (IllegalArgumentException e) {
            throw new ValidationError("query: state", "state '" + given + "' is not known: use one of "
                    + Arrays.stream(ReplayState.values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
