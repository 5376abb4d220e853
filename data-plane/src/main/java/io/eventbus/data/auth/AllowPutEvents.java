package io.eventbus.data.auth;

import io.eventbus.core.auth.AdminCredentials;
import io.eventbus.core.problem.Forbidden;
import io.eventbus.core.problem.Unauthorized;
import io.eventbus.core.role.DataRole;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * Who may put events on a bus: an API key whose buses hold it ({@link AuthenticateApiKey}), or the admin, on every
 * bus, with the admin token or the console's session cookie ({@link AdminCredentials}, the check the control plane
 * uses too), so that the console can send events (docs/adr/0010). A cookie-authenticated put from another site is
 * refused. Queue consumer routes take API keys only. Thread-safe.
 */
@Singleton
@DataRole
public class AllowPutEvents {

    private final AdminCredentials admin;
    private final AuthenticateApiKey apiKeys;

    AllowPutEvents(AdminCredentials admin, AuthenticateApiKey apiKeys) {
        this.admin = admin;
        this.apiKeys = apiKeys;
    }

    /**
     * Whether {@link #check} reads nothing for {@code request}: its credentials are in the {@code Authorization}
     * header (the admin token, or an API key looked up recently). A console session is verified against the
     * database.
     */
    public boolean checksFromMemory(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        return authorization != null && (admin.of(request) == AdminCredentials.Presented.ADMIN
                || apiKeys.checksFromMemory(authorization));
    }

    /**
     * @throws Unauthorized without credentials, or with an API key that does not exist or is revoked
     * @throws Forbidden    with an API key of other buses, or the console's session from another site
     */
    public void check(HttpRequest<?> request, String bus) {
        AdminCredentials.Presented presented = admin.of(request);
        if (presented == AdminCredentials.Presented.ADMIN) {
            return;
        }
        if (presented == AdminCredentials.Presented.SESSION_FROM_ANOTHER_SITE) {
            throw new Forbidden(AdminCredentials.CROSS_SITE_DETAIL, AdminCredentials.CROSS_SITE_LOCATION);
        }
        apiKeys.allowBus(request.getHeaders().get(HttpHeaders.AUTHORIZATION), bus);
    }
}
