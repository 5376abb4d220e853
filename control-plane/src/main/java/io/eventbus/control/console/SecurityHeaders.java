package io.eventbus.control.console;

import io.eventbus.core.role.ControlRole;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Security headers on every answer of the control role: a strict Content-Security-Policy (only this origin's
 * scripts, styles, images and API; no inline script, no framing), no MIME sniffing, no referrer. The console
 * needs nothing more, and API answers lose nothing by it. Thread-safe.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@ControlRole
final class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";

    @ResponseFilter
    void addHeaders(MutableHttpResponse<?> response) {
        response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "no-referrer");
        response.header("X-Frame-Options", "DENY");
    }
}
