package io.eventbus.core.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * The one place that turns errors into problem+json responses: Eventbus' own exceptions here, the framework's
 * (unknown route, wrong method, bad JSON, body too large, ...) through {@link FrameworkProblems} and
 * {@link JsonProblems}, which build their problems with {@link #problem}. Stateless and thread-safe.
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
public final class ProblemResponses implements ExceptionHandler<EventbusException, HttpResponse<Problem>> {

    private static final Map<Integer, String> CODES = Map.ofEntries(
            Map.entry(400, "ValidationError"),
            Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"),
            Map.entry(404, "NotFound"),
            Map.entry(405, "MethodNotAllowed"),
            Map.entry(406, "NotAcceptable"),
            Map.entry(409, "Conflict"),
            Map.entry(412, "PreconditionFailed"),
            Map.entry(413, "PayloadTooLarge"),
            Map.entry(415, "UnsupportedMediaType"),
            Map.entry(429, "Throttled"),
            Map.entry(500, "InternalError"),
            Map.entry(503, "Unavailable"));

    @Override
    @SuppressWarnings("rawtypes") // ExceptionHandler declares the raw type; HttpRequest<?> would not override it
    public HttpResponse<Problem> handle(HttpRequest request, EventbusException e) {
        return respond(problem(e.status(), e.code(), e.detail(), e.location()));
    }

    /** A problem for {@code status}; {@code code} may be null for the status' default code. */
    public static Problem problem(int status, String code, String detail, String location) {
        String effectiveCode = code != null ? code : CODES.getOrDefault(status, status >= 500 ? "InternalError" : "Error");
        String title = HttpStatus.valueOf(status).getReason();
        return Problem.of(status, effectiveCode, title, detail, location);
    }

    public static MutableHttpResponse<Problem> respond(Problem problem) {
        return HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status()))
                .contentType(MediaType.of(Problem.MEDIA_TYPE))
                .body(problem);
    }
}
