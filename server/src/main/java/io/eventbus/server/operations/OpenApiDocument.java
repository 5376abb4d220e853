package io.eventbus.server.operations;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /openapi.yml}: the OpenAPI 3 document of the whole HTTP API. micronaut-openapi generates one
 * document per module at build time (the control plane's, whose header and security are kept, and the data
 * plane's ingest routes); they are merged here once, at start: paths, schemas and security schemes. Open without
 * a token, so clients and tools can read the contract. Thread-safe.
 */
@Controller
final class OpenApiDocument {

    static final List<String> RESOURCES = List.of("META-INF/swagger/eventbus-v1.yml",
            "META-INF/swagger/eventbus-ingest-v1.yml");
    static final String MEDIA_TYPE = "application/yaml";

    private final String document;

    OpenApiDocument() {
        Map<String, Object> merged = null;
        for (String resource : RESOURCES) {
            Map<String, Object> part = load(resource);
            merged = merged == null ? part : merge(merged, part);
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        this.document = new Yaml(options).dump(merged);
    }

    @Get(value = "/openapi.yml", produces = MEDIA_TYPE)
    HttpResponse<String> yaml() {
        return HttpResponse.ok(document).contentType(MEDIA_TYPE);
    }

    private static Map<String, Object> load(String resource) {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path; the build generates it");
            }
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code part}'s paths (operation by operation) and components added to {@code into}; {@code into} wins on equal
     * names.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> into, Map<String, Object> part) {
        Map<String, Object> result = new LinkedHashMap<>(into);
        Map<String, Object> paths = union((Map<String, Object>) into.get("paths"), (Map<String, Object>) part.get("paths"));
        // A path both planes serve (GET /v1/buses/{bus}/events reads, POST ingests) keeps the operations of both.
        Map<String, Object> partPaths = (Map<String, Object>) part.getOrDefault("paths", Map.of());
        Map<String, Object> intoPaths = (Map<String, Object>) into.getOrDefault("paths", Map.of());
        intoPaths.keySet().stream().filter(partPaths::containsKey).forEach(path -> paths.put(path,
                union((Map<String, Object>) intoPaths.get(path), (Map<String, Object>) partPaths.get(path))));
        result.put("paths", paths);
        Map<String, Object> components = new LinkedHashMap<>(
                (Map<String, Object>) into.getOrDefault("components", Map.of()));
        Map<String, Object> partComponents = (Map<String, Object>) part.getOrDefault("components", Map.of());
        partComponents.forEach((kind, entries) -> components.put(kind,
                union((Map<String, Object>) components.get(kind), (Map<String, Object>) entries)));
        result.put("components", components);
        return result;
    }

    private static Map<String, Object> union(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> out = new LinkedHashMap<>(b == null ? Map.of() : b);
        if (a != null) {
            out.putAll(a);
        }
        return out;
    }
}
