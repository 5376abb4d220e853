package io.eventbus.control.auth;

import io.eventbus.control.openapi.ProblemResponse;
import io.eventbus.core.auth.AdminToken;
import io.eventbus.core.auth.ConsoleSession;
import io.eventbus.core.problem.Problem;
import io.eventbus.core.problem.Unauthorized;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.ControlRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code /v1/session}: the console's sign-in. {@code POST} exchanges the admin token for the session cookie
 * ({@link ConsoleSession}), {@code DELETE} revokes the session in every process and removes the cookie (both
 * without the admin token: {@link RequireAdminToken} lets them through), {@code GET} says whether the caller is
 * signed in.
 */
@Controller("/v1/session")
@ControlRole
@Tag(name = "session")
class SessionController {

    static final String PATH = "/v1/session";

    private final AdminToken token;
    private final ConsoleSession sessions;

    SessionController(AdminToken token, ConsoleSession sessions) {
        this.token = token;
        this.sessions = sessions;
    }

    record SignInRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String token) {
    }

    record SessionView(Instant expiresAt) {
    }

    @Operation(operationId = "signIn", summary = "Exchange the admin token for an HttpOnly session cookie")
    @ApiResponse(responseCode = "204", description = "Signed in; the cookie is set")
    @ApiResponse(responseCode = "400", description = ProblemResponse.BAD_REQUEST, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "401", description = ProblemResponse.UNAUTHORIZED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Post
    HttpResponse<Void> signIn(HttpRequest<?> request, @Body SignInRequest body) {
        if (body.token() == null || body.token().isBlank()) {
            throw new ValidationError("token", "token is required: the admin token");
        }
        if (!token.matches(body.token().trim())) {
            throw new Unauthorized("That is not the admin token");
        }
        return HttpResponse.<Void>noContent().cookie(cookie(request, sessions.issue(), sessions.duration()));
    }

    @Operation(operationId = "getSession", summary = "Whether the caller is signed in, and until when")
    @ApiResponse(responseCode = "401", description = ProblemResponse.UNAUTHORIZED, content = @Content(mediaType = ProblemResponse.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Get
    SessionView read(HttpRequest<?> request) {
        return new SessionView(request.getCookies().findCookie(ConsoleSession.COOKIE)
                .flatMap(c -> sessions.verify(c.getValue())).orElse(null));
    }

    @Operation(operationId = "signOut", summary = "Revoke the session on the server and remove the session cookie",
            description = "A copy of the cookie is refused by every Eventbus process from then on (within about a"
                    + " second); other sessions stay valid.")
    @ApiResponse(responseCode = "204", description = "Signed out")
    @Delete
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<Void> signOut(HttpRequest<?> request) throws SQLException {
        var cookie = request.getCookies().findCookie(ConsoleSession.COOKIE);
        if (cookie.isPresent()) {
            sessions.revoke(cookie.get().getValue());
        }
        return HttpResponse.<Void>noContent().cookie(cookie(request, "", Duration.ZERO));
    }

    private static Cookie cookie(HttpRequest<?> request, String value, Duration maxAge) {
        return Cookie.of(ConsoleSession.COOKIE, value).httpOnly(true).sameSite(SameSite.Strict).path("/")
                .maxAge(maxAge).secure(isHttps(request));
    }

    private static boolean isHttps(HttpRequest<?> request) {
        @Nullable String forwarded = request.getHeaders().get("X-Forwarded-Proto");
        return request.isSecure() || "https".equalsIgnoreCase(forwarded);
    }
}
