package io.eventbus.core.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.JacksonExceptionHandler;
import io.micronaut.http.server.exceptions.JsonExceptionHandler;
import io.micronaut.json.JsonSyntaxException;
import jakarta.inject.Singleton;

/**
 * Request bodies and parameters that cannot be read: answered with {@link JsonProblems}' precise detail
 * instead of the framework's generic message. Stateless and thread-safe.
 */
final class BodyProblems {

    private BodyProblems() {
    }

    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    @Replaces(JacksonExceptionHandler.class)
    static final class Json implements ExceptionHandler<JsonProcessingException, HttpResponse<Problem>> {
        @Override
        @SuppressWarnings("rawtypes") // ExceptionHandler declares the raw type; HttpRequest<?> would not override it
        public HttpResponse<Problem> handle(HttpRequest request, JsonProcessingException e) {
            return ProblemResponses.respond(JsonProblems.problem(e));
        }
    }

    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    @Replaces(JsonExceptionHandler.class)
    static final class Syntax implements ExceptionHandler<JsonSyntaxException, HttpResponse<Problem>> {
        @Override
        @SuppressWarnings("rawtypes") // ExceptionHandler declares the raw type; HttpRequest<?> would not override it
        public HttpResponse<Problem> handle(HttpRequest request, JsonSyntaxException e) {
            return ProblemResponses.respond(JsonProblems.from(e.getCause()).orElseGet(() ->
                    ProblemResponses.problem(400, "InvalidJson", "The body is not valid JSON: " + e.getMessage(), null)));
        }
    }

    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    @Replaces(ConversionErrorHandler.class)
    static final class Conversion implements ExceptionHandler<ConversionErrorException, HttpResponse<Problem>> {
        @Override
        @SuppressWarnings("rawtypes") // ExceptionHandler declares the raw type; HttpRequest<?> would not override it
        public HttpResponse<Problem> handle(HttpRequest request, ConversionErrorException e) {
            Problem problem = JsonProblems.from(e).orElseGet(() -> ProblemResponses.problem(400, "ValidationError",
                    e.getArgument().getName() + ": " + e.getConversionError().getCause().getMessage(),
                    e.getArgument().getName()));
            return ProblemResponses.respond(problem);
        }
    }
}
