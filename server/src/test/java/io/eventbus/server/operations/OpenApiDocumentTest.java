package io.eventbus.server.operations;

import io.eventbus.server.support.WithAdminToken;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The served OpenAPI document describes every API route the server has, with no token needed to read it. */
@MicronautTest
class OpenApiDocumentTest implements WithAdminToken {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    Router router;


    @Test
    @SuppressWarnings("unchecked")
    void documentsEveryApiRoute() {
        String yaml = http.toBlocking().retrieve("/openapi.yml");
        Map<String, Object> doc = new Yaml().load(yaml);
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet()
                .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));

        Set<String> routes = new TreeSet<>();
        router.uriRoutes().map(r -> (UriRouteInfo<?, ?>) r)
                .filter(r -> r.getUriMatchTemplate().toString().startsWith("/v1/"))
                .filter(r -> r.getHttpMethod() != HttpMethod.HEAD && r.getHttpMethod() != HttpMethod.OPTIONS)
                .forEach(r -> routes.add(r.getHttpMethod() + " " + r.getUriMatchTemplate().toPathString()));

        assertThat(routes).isNotEmpty();
        assertThat(documented).containsAll(routes);
        assertThat(doc.get("openapi").toString()).startsWith("3.");
    }
}
