package io.eventbus.control.console;

import io.eventbus.core.role.ControlRole;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Security headers on every answer of the control role: a strict Content-Security-Policy (only this origin's
 * scripts, styles, images and API; no inline script, no framing), no MIME sniffing, no referrer. The console
 * needs nothing more, and API answers lose nothing by it. Thread-safe.
 *
 * <p>It runs first ({@link #ORDER}): a filter's response filter only sees the answers of the filters and routes
 * after it, and {@link ServeConsole} and the admin token check answer by themselves, without a route. Left
 * unordered, the console's pages went out without these headers from the assembled jar while in-process tests,
 * with their own bean order, saw them.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@ControlRole
final class SecurityHeaders implements Ordered {

    /** Before every other filter of Eventbus and of Micronaut, so its headers go on every answer. */
    static final int ORDER = ServerFilterPhase.FIRST.before();

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";

    @Override
    public int getOrder() {
        return ORDER;
    }

    @ResponseFilter
    void addHeaders(MutableHttpResponse<?> response) {
        response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "no-referrer");
        response.header("X-Frame-Options", "DENY");
    }
}
