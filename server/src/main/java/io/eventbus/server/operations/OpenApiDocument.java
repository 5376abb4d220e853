package io.eventbus.server.operations;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /openapi.yml}: the OpenAPI 3 document that micronaut-openapi generated from the controllers at
 * build time. Open without a token, so clients and tools can read the contract. Read once; thread-safe.
 */
@Controller
final class OpenApiDocument {

    static final String RESOURCE = "META-INF/swagger/eventbus-v1.yml";
    static final String MEDIA_TYPE = "application/yaml";

    private final String document;

    OpenApiDocument() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path; the build generates it");
            }
            this.document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(value = "/openapi.yml", produces = MEDIA_TYPE)
    HttpResponse<String> yaml() {
        return HttpResponse.ok(document).contentType(MEDIA_TYPE);
    }
}
