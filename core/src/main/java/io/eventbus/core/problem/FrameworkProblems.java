package io.eventbus.core.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.stream.Collectors;

/**
 * Errors the framework answers by itself (no such route, wrong method, unsupported media type, body too
 * large, unexpected exceptions) as problem+json instead of Micronaut's default body. A 5xx never shows
 * internals: the exception was logged where it happened. Stateless and thread-safe.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class FrameworkProblems implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        int status = response.code();
        String detail = status >= 500
                ? "An unexpected error occurred; it has been logged. Try again, and report it if it persists."
                : detail(context, status);
        String location = context.getErrors().stream().map(Error::getPath).flatMap(java.util.Optional::stream)
                .findFirst().orElse(null);
        Problem problem = ProblemResponses.problem(status, null, detail, location);
        return response.contentType(MediaType.of(Problem.MEDIA_TYPE)).body(problem);
    }

    private static String detail(ErrorContext context, int status) {
        String messages = context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
        if (status == 404 && (messages.isBlank() || messages.equals("Page Not Found"))) {
            return "No such resource: " + context.getRequest().getMethodName() + " " + context.getRequest().getPath();
        }
        if (status == 405) {
            return context.getRequest().getMethodName() + " is not allowed on " + context.getRequest().getPath();
        }
        return messages.isBlank() ? "The request could not be processed." : messages;
    }
}
