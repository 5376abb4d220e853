package io.eventbus.control.auth;

import io.eventbus.core.auth.ProducerApi;
import io.eventbus.core.problem.Problem;
import io.eventbus.core.problem.ProblemResponses;
import io.eventbus.core.role.ControlRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;

/**
 * Every control-plane route ({@code /v1/**}) requires {@code Authorization: Bearer <admin token>}; without it
 * the answer is a 401 problem and the route never runs. Producers' routes ({@link ProducerApi}: ingestion) check
 * API keys instead. Health, metrics and the OpenAPI document are outside {@code /v1} and stay open. Thread-safe.
 */
@ServerFilter("/v1/**")
@ControlRole
final class RequireAdminToken {

    private static final String BEARER = "Bearer ";

    private final AdminToken token;

    RequireAdminToken(AdminToken token) {
        this.token = token;
    }

    @RequestFilter
    @Nullable
    HttpResponse<Problem> check(HttpRequest<?> request) {
        if (isProducerRoute(request)) {
            return null;
        }
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && token.matches(header.substring(BEARER.length()).trim())) {
            return null;
        }
        String detail = header == null
                ? "This route needs the admin token: send 'Authorization: Bearer <admin token>'"
                : "The bearer token is not the admin token";
        return ProblemResponses.respond(ProblemResponses.problem(401, "Unauthorized", detail, "header: Authorization"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"eventbus\"");
    }

    /** Ingestion routes check API keys themselves ({@link ProducerApi}). */
    private static boolean isProducerRoute(HttpRequest<?> request) {
        return RouteAttributes.getRouteMatch(request)
                .map(match -> match.getRouteInfo().getDeclaringType().isAnnotationPresent(ProducerApi.class))
                .orElse(false);
    }
}
