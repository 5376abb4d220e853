package io.eventbus.control.auth;

import io.eventbus.core.auth.ProducerApi;
import io.eventbus.core.problem.Problem;
import io.eventbus.core.problem.ProblemResponses;
import io.eventbus.core.role.ControlRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;

/**
 * Every control-plane route ({@code /v1/**}) requires {@code Authorization: Bearer <admin token>} or the console's
 * session cookie ({@link ConsoleSession}); without either the answer is a 401 problem and the route never runs.
 * A cookie-authenticated change from another site (a {@code Sec-Fetch-Site: cross-site} or a foreign
 * {@code Origin}) is refused with 403, besides SameSite=Strict. Signing in and out ({@code POST/DELETE /v1/session})
 * need neither. Producers' routes ({@link ProducerApi}: ingestion) check API keys instead. Health, metrics and the
 * OpenAPI document are outside {@code /v1} and stay open. Thread-safe.
 */
@ServerFilter("/v1/**")
@ControlRole
final class RequireAdminToken {

    private static final String BEARER = "Bearer ";

    private final AdminToken token;
    private final ConsoleSession sessions;

    RequireAdminToken(AdminToken token, ConsoleSession sessions) {
        this.token = token;
        this.sessions = sessions;
    }

    @RequestFilter
    @Nullable
    HttpResponse<Problem> check(HttpRequest<?> request) {
        if (isProducerRoute(request) || isSignInOrOut(request)) {
            return null;
        }
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && token.matches(header.substring(BEARER.length()).trim())) {
            return null;
        }
        if (header == null && request.getCookies().findCookie(ConsoleSession.COOKIE)
                .flatMap(c -> sessions.verify(c.getValue())).isPresent()) {
            return isCrossSiteChange(request)
                    ? ProblemResponses.respond(ProblemResponses.problem(403, "Forbidden",
                    "A change with the console's session must come from the console itself", "header: Origin"))
                    : null;
        }
        String detail = header == null
                ? "This route needs the admin token: send 'Authorization: Bearer <admin token>', or sign in to the console"
                : "The bearer token is not the admin token";
        return ProblemResponses.respond(ProblemResponses.problem(401, "Unauthorized", detail, "header: Authorization"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"eventbus\"");
    }

    private static boolean isSignInOrOut(HttpRequest<?> request) {
        return SessionController.PATH.equals(request.getPath())
                && (request.getMethod() == HttpMethod.POST || request.getMethod() == HttpMethod.DELETE);
    }

    private static boolean isCrossSiteChange(HttpRequest<?> request) {
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            return false;
        }
        String site = request.getHeaders().get("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return true;
        }
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        String host = request.getHeaders().get(HttpHeaders.HOST);
        if (origin == null || host == null) {
            return false;
        }
        int scheme = origin.indexOf("://");
        return scheme < 0 || !origin.substring(scheme + 3).equalsIgnoreCase(host);
    }

    /** Ingestion routes check API keys themselves ({@link ProducerApi}). */
    private static boolean isProducerRoute(HttpRequest<?> request) {
        return RouteAttributes.getRouteMatch(request)
                .map(match -> match.getRouteInfo().getDeclaringType().isAnnotationPresent(ProducerApi.class))
                .orElse(false);
    }
}
