package io.eventbus.control.console;

import io.eventbus.core.problem.ProblemResponses;
import io.eventbus.core.role.ControlRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.RouteAttributes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the console at {@code /}, as the fallback of every GET that no route answers outside {@code /v1}: a file
 * of the console's build when the path names one, otherwise the app itself ({@code index.html}), whose router
 * shows the page. A filter rather than a catch-all route, so real routes (the API, health, metrics) always win.
 * Hashed files under {@code assets/} are cached for a year, {@code index.html} never. Files are read once and
 * kept (the build is about 300 KiB). Thread-safe.
 *
 * <p>It runs last ({@link #ORDER}): it answers by itself, and only filters before it add to its answers (the
 * security headers of {@link SecurityHeaders} above all).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@ControlRole
final class ServeConsole implements Ordered {

    /** After every other filter, so that theirs wrap the console's answers. */
    static final int ORDER = ServerFilterPhase.LAST.after();

    static final String ROOT = "console/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon", "json", "application/json",
            "woff2", "font/woff2", "txt", "text/plain; charset=utf-8");

    private final Map<String, Optional<byte[]>> files = new ConcurrentHashMap<>();

    @Override
    public int getOrder() {
        return ORDER;
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> serve(HttpRequest<?> request) {
        HttpMethod method = request.getMethod();
        String path = request.getPath();
        if ((method != HttpMethod.GET && method != HttpMethod.HEAD) || path.equals("/v1") || path.startsWith("/v1/")
                || RouteAttributes.getRouteMatch(request).isPresent()) {
            return null;
        }
        String file = path.substring(1);
        if (file.contains("..") || file.contains("\\")) {
            return notFound(path);
        }
        Optional<byte[]> content = file.isEmpty() || file.endsWith("/") ? Optional.empty() : read(file);
        if (content.isPresent()) {
            String cache = file.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache";
            return HttpResponse.ok(content.get()).contentType(type(file)).header("Cache-Control", cache);
        }
        if (missingFile(file)) {
            return notFound(path);
        }
        return read("index.html")
                .<MutableHttpResponse<?>>map(index -> HttpResponse.ok(index).contentType(TYPES.get("html"))
                        .header("Cache-Control", "no-cache"))
                .orElseGet(() -> ProblemResponses.respond(ProblemResponses.problem(404, "NotFound",
                        "The console is not part of this build (no console/index.html on the class path)", null)));
    }

    /**
     * A path that names a file of the build rather than a page: anything under {@code assets/}, or a top-level name
     * with a dot ({@code /favicon.ico}). Pages deeper down may hold dots, since names may ({@code /buses/shop.orders}).
     */
    private static boolean missingFile(String file) {
        return file.startsWith("assets/") || (!file.contains("/") && file.contains("."));
    }

    private static MutableHttpResponse<?> notFound(String path) {
        return ProblemResponses.respond(ProblemResponses.problem(404, "NotFound", "No such resource: GET " + path, null));
    }

    private Optional<byte[]> read(String path) {
        return files.computeIfAbsent(path, p -> {
            try (InputStream in = ServeConsole.class.getClassLoader().getResourceAsStream(ROOT + p)) {
                return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String type(String path) {
        String name = lastSegment(path);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "application/octet-stream"
                : TYPES.getOrDefault(name.substring(dot + 1), "application/octet-stream");
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
