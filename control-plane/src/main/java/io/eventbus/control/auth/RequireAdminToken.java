package io.eventbus.control.auth;

import io.eventbus.core.apikey.ApiKeySecrets;
import io.eventbus.core.auth.AdminCredentials;
import io.eventbus.core.auth.ConsoleSession;
import io.eventbus.core.auth.ProducerApi;
import io.eventbus.core.problem.Problem;
import io.eventbus.core.problem.ProblemResponses;
import io.eventbus.core.role.ControlRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.RouteAttributes;

/**
 * Every control-plane route ({@code /v1/**}) requires {@code Authorization: Bearer <admin token>} or the console's
 * session cookie ({@link ConsoleSession}); without either the answer is a 401 problem and the route never runs.
 * A cookie-authenticated change from another site (a {@code Sec-Fetch-Site: cross-site} or a foreign
 * {@code Origin}) is refused with 403, besides SameSite=Strict. An API key is refused with a 401 that says admin
 * routes take no API keys. What counts as the admin's credentials is decided
 * by {@link AdminCredentials}, which ingest shares. Signing in and out ({@code POST/DELETE /v1/session}) need
 * neither. Producers' routes ({@link ProducerApi}: ingestion) check their callers themselves. Health, metrics and
 * the OpenAPI document are outside {@code /v1} and stay open. Thread-safe.
 *
 * <p>It runs in Micronaut's security phase ({@link #ORDER}): after the security headers, whose filter must wrap
 * its refusals, and before the console's files, which never answer {@code /v1} anyway.
 */
@ServerFilter("/v1/**")
@ControlRole
final class RequireAdminToken implements Ordered {

    /** Micronaut's phase for authentication; an explicit order, since filters without one run in bean order. */
    static final int ORDER = ServerFilterPhase.SECURITY.order();

    /** An API key is a credential of another kind (its secret starts with {@link ApiKeySecrets#PREFIX}): say so. */
    static final String API_KEY_DETAIL = "This is an API key (" + ApiKeySecrets.PREFIX + "...): API keys put events"
            + " and use queues, but admin routes take the admin token or a console session, not an API key";

    private final AdminCredentials credentials;

    RequireAdminToken(AdminCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @RequestFilter
    @Nullable
    HttpResponse<Problem> check(HttpRequest<?> request) {
        if (isProducerRoute(request) || isSignInOrOut(request)) {
            return null;
        }
        AdminCredentials.Presented presented = credentials.of(request);
        if (presented == AdminCredentials.Presented.ADMIN) {
            return null;
        }
        if (presented == AdminCredentials.Presented.SESSION_FROM_ANOTHER_SITE) {
            return ProblemResponses.respond(ProblemResponses.problem(403, "Forbidden",
                    AdminCredentials.CROSS_SITE_DETAIL, AdminCredentials.CROSS_SITE_LOCATION));
        }
        return ProblemResponses.respond(ProblemResponses.problem(401, "Unauthorized", detail(presented),
                        "header: Authorization"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"eventbus\"");
    }

    private static String detail(AdminCredentials.Presented presented) {
        return switch (presented) {
            case NONE -> "This route needs the admin token: send 'Authorization: Bearer <admin token>', or sign in to"
                    + " the console";
            case API_KEY -> API_KEY_DETAIL;
            default -> "The bearer token is not the admin token";
        };
    }

    private static boolean isSignInOrOut(HttpRequest<?> request) {
        return SessionController.PATH.equals(request.getPath())
                && (request.getMethod() == HttpMethod.POST || request.getMethod() == HttpMethod.DELETE);
    }

    /** Ingestion and queue consumer routes check their callers themselves ({@link ProducerApi}). */
    private static boolean isProducerRoute(HttpRequest<?> request) {
        return RouteAttributes.getRouteMatch(request)
                .map(match -> match.getRouteInfo().getDeclaringType().isAnnotationPresent(ProducerApi.class))
                .orElse(false);
    }
}
