package io.eventbus.control.health;

import io.eventbus.control.openapi.ProblemResponse;
import io.eventbus.core.name.Names;
import io.eventbus.core.problem.Problem;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.ControlRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/buses/{bus}/target-health}: how each target of the bus' rules is doing ({@link ReadTargetHealth}). */
@Controller("/v1/buses/{bus}/target-health")
@ControlRole
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "target health")
@ApiResponse(responseCode = "400", description = ProblemResponse.BAD_REQUEST, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = ProblemResponse.UNAUTHORIZED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
class TargetHealthController {

    /** The windows offered, by name. */
    static final Map<String, Duration> WINDOWS = new LinkedHashMap<>();

    static {
        WINDOWS.put("15m", Duration.ofMinutes(15));
        WINDOWS.put("1h", Duration.ofHours(1));
        WINDOWS.put("24h", Duration.ofHours(24));
        WINDOWS.put("7d", Duration.ofDays(7));
    }

    /** The answer: the window and one entry per target, in rule order then the rule's target order. */
    record Page(String bus, String window, List<TargetHealth> targets) {
    }

    private final ReadTargetHealth health;

    TargetHealthController(ReadTargetHealth health) {
        this.health = health;
    }

    @Get
    @Operation(operationId = "getTargetHealth", summary = "How each target of the bus' rules is doing",
            description = "Over the window (15m, 1h, 24h or 7d; 1h by default): deliveries delivered and dead-lettered,"
                    + " attempts and failed attempts, success rate, attempt latency p50/p99, the last error; now:"
                    + " deliveries pending, and circuitOpenUntil while an open circuit breaker holds them back."
                    + " health: FAILING (circuit open, a dead letter, or under half the attempts good), DEGRADED"
                    + " (some attempts failed), HEALTHY, or IDLE (nothing tried or pending).")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    Page read(String bus, @QueryValue @Nullable String window) {
        Names.require("path: bus", bus);
        String name = window == null || window.isBlank() ? "1h" : window;
        Duration span = WINDOWS.get(name);
        if (span == null) {
            throw new ValidationError("query: window", "window must be one of " + String.join(", ", WINDOWS.keySet())
                    + ", not '" + window + "'");
        }
        return new Page(bus, name, health.read(bus, span));
    }
}
