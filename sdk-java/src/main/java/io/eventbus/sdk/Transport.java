package io.eventbus.sdk;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * JSON over HTTP to one Eventbus with one credential: requests with the bearer token, answers read as records, and
 * problem+json answers (or no answer) turned into {@link EventbusException}s. Thread-safe.
 */
final class Transport {

    private static final String JSON_TYPE = "application/json";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final AtomicInteger SENDER_THREADS = new AtomicInteger();
    /** The threads that send asynchronous requests and wait for their answers: daemons, gone after a minute idle. */
    private static final ExecutorService SENDERS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), task -> {
                Thread thread = new Thread(task, "eventbus-sdk-sender-" + SENDER_THREADS.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

    private final HttpClient http;
    private final URI endpoint;
    private final String authorization;
    private final Duration requestTimeout;

    Transport(URI endpoint, String token, Duration connectTimeout, Duration requestTimeout) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
        String base = endpoint.toString();
        this.endpoint = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.authorization = "Bearer " + token;
        this.requestTimeout = requestTimeout;
    }

    /** {@code method path} with {@code body} as JSON (null: none); the answer as {@code type} (Void: none). */
    <T> T send(String method, String path, Object body, Class<T> type) {
        HttpRequest request = request(method, path, body);
        return read(sendBlocking(request), type);
    }

    /**
     * Like {@link #sendAsync}, for a request that waits on purpose (a queue receive's long poll): its timeout is
     * the request timeout plus {@code wait}.
     */
    <T> CompletableFuture<T> sendWaitingAsync(String method, String path, Object body, Class<T> type, Duration wait) {
        return async(HttpRequest.newBuilder(request(method, path, body), (name, value) -> true)
                .timeout(requestTimeout.plus(wait)).build(), type);
    }

    /** Like {@link #send}, without blocking; the future fails with an {@link EventbusException}. */
    <T> CompletableFuture<T> sendAsync(String method, String path, Object body, Class<T> type) {
        return async(request(method, path, body), type);
    }

    /**
     * {@code request} sent from one of the SDK's own threads, which waits for the answer. Not
     * {@code HttpClient.sendAsync}: that hands every answer to {@code CompletableFuture}'s default executor, which
     * on a machine with one or two processors (common-pool parallelism below 2) starts a new thread per answer:
     * at hundreds of puts a second that cost more CPU than the rest of the SDK (docs/performance.md, "Java SDK
     * publisher"). The pool's threads are reused; their number follows the requests in flight, which the callers
     * bound (the publisher's {@code maxInFlight}, the consumer's concurrency).
     */
    private <T> CompletableFuture<T> async(HttpRequest request, Class<T> type) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        try {
            SENDERS.execute(() -> {
                try {
                    answer.complete(read(sendBlocking(request), type));
                } catch (RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            answer.completeExceptionally(noAnswer(request, e));
        }
        return answer;
    }

    private HttpRequest request(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + path))
                .timeout(requestTimeout)
                .header("Authorization", authorization)
                .header("Accept", JSON_TYPE);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", JSON_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body instanceof JsonBytes written
                            ? written.bytes() : Json.writeBytes(body)));
        }
        return request.build();
    }

    private static <T> T read(HttpResponse<byte[]> response, Class<T> type) {
        int status = response.statusCode();
        if (status >= 400) {
            throw problem(response);
        }
        if (type == Void.class || response.body().length == 0) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(response.body(), type);
        } catch (IOException e) {
            throw new EventbusException(status, "UnreadableAnswer", "the answer to " + describe(response.request())
                    + " is not what this SDK expects: " + e.getMessage(), null, e);
        }
    }

    private static EventbusException problem(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String body = new String(response.body(), StandardCharsets.UTF_8);
        JsonNode problem;
        try {
            problem = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            problem = null;
        }
        if (problem == null || !problem.isObject()) {
            return new EventbusException(status, "HTTP_" + status, describe(response.request()) + " answered "
                    + status + (body.isBlank() ? "" : ": " + abbreviate(body)), null);
        }
        String code = problem.path("code").asText("HTTP_" + status);
        String detail = problem.path("detail").asText(problem.path("title").asText("HTTP " + status));
        String location = problem.hasNonNull("location") ? problem.get("location").asText() : null;
        return new EventbusException(status, code, detail, location);
    }

    private static EventbusException noAnswer(HttpRequest request, Throwable cause) {
        String what = cause instanceof HttpTimeoutException ? "no answer within the timeout" : String.valueOf(cause);
        return new EventbusException(0, EventbusException.CONNECTION_FAILED, describe(request) + ": " + what, null,
                cause);
    }

    /** A request body written as JSON already (see {@link PutEventsBody}), sent as it is. */
    record JsonBytes(byte[] bytes) {
    }

    /** An answer's body, read as a record, and its {@code ETag} header (null when it has none). */
    record Answer<T>(T body, String etag) {
    }

    /**
     * {@code method path} with {@code body} already written in {@code contentType} (null body: none) and
     * {@code headers} added (such as {@code If-Match}); the answer as {@code type} (Void: none) with its ETag.
     */
    <T> Answer<T> exchange(String method, String path, String contentType, String body, Map<String, String> headers,
                           Class<T> type) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(endpoint + path))
                .timeout(requestTimeout)
                .header("Authorization", authorization)
                .header("Accept", JSON_TYPE);
        headers.forEach(builder::header);
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", contentType)
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        HttpRequest request = builder.build();
        HttpResponse<byte[]> response = sendBlocking(request);
        return new Answer<>(read(response, type), response.headers().firstValue("ETag").orElse(null));
    }

    /** {@code request} sent, waiting for its answer; no answer is an {@link EventbusException}. */
    private HttpResponse<byte[]> sendBlocking(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw noAnswer(request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventbusException(0, EventbusException.CONNECTION_FAILED,
                    "interrupted while waiting for " + describe(request), null, e);
        }
    }

    /** A path segment: Eventbus names are letters, digits, '.', '_' and '-', which need no escaping. */
    static String segment(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not an Eventbus name (1 to 64 letters, digits, '.', '_' or '-'): "
                    + name);
        }
        return name;
    }

    private static String describe(HttpRequest request) {
        return request.method() + " " + request.uri().getPath();
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
