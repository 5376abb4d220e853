package io.eventbus.data.ingest;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The header of the data plane's part of the OpenAPI document (ingest and the queue consumer routes), generated
 * at compile time into {@code META-INF/swagger/eventbus-ingest-v1.yml}, a name kept from when ingest was all of
 * it; the server merges it with the control plane's.
 */
@OpenAPIDefinition(info = @Info(title = "Eventbus ingest", version = "v1"))
@SecurityScheme(name = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The secret of an API key whose buses (ingest) or queues (queue messages) hold the one"
                + " called (POST /v1/api-keys)")
@SecurityScheme(name = "adminToken", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The admin token: EVENTBUS_ADMIN_TOKEN, or $EVENTBUS_HOME/admin-token. Ingest accepts it on every"
                + " bus (docs/adr/0010)")
@SecurityScheme(name = "consoleSession", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.COOKIE,
        paramName = "eventbus_session", description = "The console's session cookie (POST /v1/session); ingest"
                + " accepts it on every bus, for a put from the console itself")
final class IngestApi {

    private IngestApi() {
    }
}
