package io.eventbus.control.openapi;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The OpenAPI document's header. micronaut-openapi generates the document at compile time from the
 * controllers into {@code META-INF/swagger/eventbus-v1.yml}; the server serves it at {@code /openapi.yml}.
 */
@OpenAPIDefinition(
        info = @Info(title = "Eventbus", version = "v1",
                description = "Self-hosted, EventBridge-compatible event bus: control-plane API. Errors are RFC 9457"
                        + " problem+json with a stable `code`.",
                license = @License(name = "Apache-2.0")),
        security = @SecurityRequirement(name = "adminToken"))
@SecurityScheme(name = "adminToken", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The admin token: EVENTBUS_ADMIN_TOKEN, or $EVENTBUS_HOME/admin-token")
final class EventbusApi {

    private EventbusApi() {
    }
}
