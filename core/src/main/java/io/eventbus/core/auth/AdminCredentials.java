package io.eventbus.core.auth;

import io.eventbus.core.apikey.ApiKeySecrets;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * The one decision on whether a request carries the admin's credentials: {@code Authorization: Bearer <admin
 * token>}, or, without an {@code Authorization} header, the console's session cookie ({@link ConsoleSession}). A
 * change (any method but GET, HEAD and OPTIONS) made with the cookie from another site ({@code Sec-Fetch-Site}
 * other than {@code same-origin}/{@code none}, or an {@code Origin} that is not this host) is not the admin's,
 * besides the cookie being SameSite=Strict. The control plane's filter of {@code /v1/**} and the data plane's
 * ingest both ask here (docs/adr/0010), so the two cannot drift apart. Thread-safe.
 */
@Singleton
public final class AdminCredentials {

    /** What the console says when a cookie-authenticated change comes from another site (403). */
    public static final String CROSS_SITE_DETAIL = "A change with the console's session must come from the console itself";
    /** Where that problem is. */
    public static final String CROSS_SITE_LOCATION = "header: Origin";

    private static final String BEARER = "Bearer ";

    /** What a request presents. */
    public enum Presented {
        /** The admin token as bearer, or a valid session cookie (on a read, or on a change from the console). */
        ADMIN,
        /** A valid session cookie on a change from another site: refused with 403. */
        SESSION_FROM_ANOTHER_SITE,
        /** A bearer that is an API key ({@link ApiKeySecrets#PREFIX}): a producer's or consumer's, not the admin's. */
        API_KEY,
        /** Any other {@code Authorization} header: not the admin token. */
        OTHER_AUTHORIZATION,
        /** Neither an {@code Authorization} header nor a valid session cookie. */
        NONE
    }

    private final AdminToken token;
    private final ConsoleSession sessions;

    AdminCredentials(AdminToken token, ConsoleSession sessions) {
        this.token = token;
        this.sessions = sessions;
    }

    public Presented of(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return Presented.OTHER_AUTHORIZATION;
            }
            String bearer = header.substring(BEARER.length()).trim();
            if (token.matches(bearer)) {
                return Presented.ADMIN;
            }
            return bearer.startsWith(ApiKeySecrets.PREFIX) ? Presented.API_KEY : Presented.OTHER_AUTHORIZATION;
        }
        boolean session = request.getCookies().findCookie(ConsoleSession.COOKIE)
                .flatMap(c -> sessions.verify(c.getValue())).isPresent();
        if (!session) {
            return Presented.NONE;
        }
        return isCrossSiteChange(request) ? Presented.SESSION_FROM_ANOTHER_SITE : Presented.ADMIN;
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
}
