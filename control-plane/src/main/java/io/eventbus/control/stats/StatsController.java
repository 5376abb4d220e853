package io.eventbus.control.stats;

import io.eventbus.control.openapi.ProblemResponse;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.problem.Problem;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.ControlRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v1/stats}: the console's overview charts. Buckets are aligned to the epoch ({@code date_bin}), so
 * the same bucket has the same start in every answer.
 */
@Controller("/v1/stats")
@ControlRole
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "stats")
@ApiResponse(responseCode = "400", description = ProblemResponse.BAD_REQUEST, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = ProblemResponse.UNAUTHORIZED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
class StatsController {

    static final int MAX_BUCKETS = 1000;
    static final Duration DEFAULT_WINDOW = Duration.ofHours(24);

    private final JdbcOperations jdbc;
    private final Clock clock;

    StatsController(JdbcOperations jdbc, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    @Get
    @Operation(operationId = "getStats", summary = "Events in, deliveries and failures per time bucket",
            description = "bus: one bus (default: all); from/to: RFC 3339 (default: the last 24 h);"
                    + " bucketSeconds: 60 to 86400 (default 3600), at most " + MAX_BUCKETS + " buckets.")
    @ApiResponse(responseCode = "404", description = ProblemResponse.NOT_FOUND, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Transactional(readOnly = true)
    Stats read(@QueryValue @Nullable String bus, @QueryValue @Nullable String from, @QueryValue @Nullable String to,
               @QueryValue @Nullable Integer bucketSeconds) {
        long bucket = bucketSeconds == null ? 3600 : bucketSeconds;
        if (bucket < 60 || bucket > 86_400) {
            throw new ValidationError("query: bucketSeconds", "bucketSeconds must be from 60 to 86400, not " + bucket);
        }
        Instant end = instant("to", to, clock.instant());
        Instant start = instant("from", from, end.minus(DEFAULT_WINDOW));
        if (!start.isBefore(end)) {
            throw new ValidationError("query: from", "from must be before to");
        }
        if (Duration.between(start, end).getSeconds() / bucket > MAX_BUCKETS) {
            throw new ValidationError("query: bucketSeconds", "from..to holds more than " + MAX_BUCKETS
                    + " buckets of " + bucket + " s; choose larger buckets");
        }
        if (bus != null && jdbc.prepareStatement("SELECT 1 FROM bus WHERE name = ?", ps -> {
            ps.setString(1, bus);
            try (ResultSet rs = ps.executeQuery()) {
                return !rs.next();
            }
        })) {
            throw new NotFound("bus '" + bus + "' does not exist");
        }
        return new Stats(bus, start, end, bucket, buckets(bus, start, end, bucket));
    }

    private List<Stats.Bucket> buckets(@Nullable String bus, Instant start, Instant end, long bucket) {
        return jdbc.prepareStatement("""
                WITH p AS (SELECT make_interval(secs => ?) AS width, CAST(? AS timestamptz) AS t0,
                                  CAST(? AS timestamptz) AS t1, (SELECT id FROM bus WHERE name = ?) AS bus_id,
                                  CAST(? AS text) IS NULL AS all_buses),
                b AS (SELECT generate_series(date_bin(p.width, p.t0, timestamptz 'epoch'), p.t1 - interval '1 microsecond',
                                             p.width) AS start FROM p),
                ev AS (SELECT date_bin(p.width, e.ingested_at, timestamptz 'epoch') AS start, count(*) AS n
                       FROM event e, p WHERE e.ingested_at >= p.t0 AND e.ingested_at < p.t1
                         AND (p.all_buses OR e.bus_id = p.bus_id) GROUP BY 1),
                dl AS (SELECT date_bin(p.width, d.finished_at, timestamptz 'epoch') AS start,
                              count(*) FILTER (WHERE d.state = 'DELIVERED') AS ok,
                              count(*) FILTER (WHERE d.state = 'DEAD_LETTERED') AS dead
                       FROM delivery d, p WHERE d.finished_at >= p.t0 AND d.finished_at < p.t1
                         AND (p.all_buses OR d.bus_id = p.bus_id) GROUP BY 1),
                fa AS (SELECT date_bin(p.width, a.at, timestamptz 'epoch') AS start, count(*) AS n
                       FROM delivery_attempt a JOIN delivery d ON d.id = a.delivery_id, p
                       WHERE a.at >= p.t0 AND a.at < p.t1 AND a.error IS NOT NULL
                         AND (p.all_buses OR d.bus_id = p.bus_id) GROUP BY 1)
                SELECT b.start, coalesce(ev.n, 0), coalesce(dl.ok, 0), coalesce(dl.dead, 0), coalesce(fa.n, 0)
                FROM b LEFT JOIN ev USING (start) LEFT JOIN dl USING (start) LEFT JOIN fa USING (start)
                ORDER BY b.start
                """, ps -> {
            ps.setLong(1, bucket);
            ps.setTimestamp(2, Timestamp.from(start));
            ps.setTimestamp(3, Timestamp.from(end));
            ps.setString(4, bus);
            ps.setString(5, bus);
            List<Stats.Bucket> buckets = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    buckets.add(new Stats.Bucket(rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getLong(3),
                            rs.getLong(4), rs.getLong(5)));
                }
            }
            return buckets;
        });
    }

    private static Instant instant(String name, @Nullable String value, Instant otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ValidationError("query: " + name, name + " must be an RFC 3339 time such as"
                    + " 2026-11-26T10:00:00Z, not '" + value + "'");
        }
    }
}
