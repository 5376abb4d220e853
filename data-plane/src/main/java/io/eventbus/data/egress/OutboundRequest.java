package io.eventbus.data.egress;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request of {@link OutboundHttp}: an absolute http or https URL, a method, headers (by name, case-insensitive;
 * setting one again replaces it) and a body (empty for none). Not thread-safe while built; sent as it is.
 */
public final class OutboundRequest {

    private final String method;
    private final URI url;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private byte[] body = new byte[0];

    /** @throws IllegalArgumentException when {@code url} is not an absolute http or https URL with a host */
    public OutboundRequest(String method, String url) {
        this.method = method;
        this.url = URI.create(url);
        String scheme = this.url.getScheme();
        if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || this.url.getHost() == null) {
            throw new IllegalArgumentException("not an absolute http or https URL with a host: " + url);
        }
    }

    /** Sets header {@code name}, replacing a value it had. */
    public OutboundRequest header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The body, sent with {@code content-type}. */
    public OutboundRequest body(byte[] bytes, String contentType) {
        this.body = bytes;
        return header("content-type", contentType);
    }

    public String method() {
        return method;
    }

    public URI url() {
        return url;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    boolean secure() {
        return "https".equalsIgnoreCase(url.getScheme());
    }

    int port() {
        return url.getPort() >= 0 ? url.getPort() : secure() ? 443 : 80;
    }

    /** What the request line names: the path and query, "/" when empty. */
    String target() {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    /** The Host header: the host, and the port when it is not the scheme's default. */
    String hostHeader() {
        String host = url.getHost();
        return url.getPort() < 0 || url.getPort() == (secure() ? 443 : 80) ? host : host + ":" + url.getPort();
    }
}
