package io.eventbus.sdk;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Built-in queues ({@code /v1/queues}): create, get with depth, list, delete, and an operator's view of their
 * messages: peek, purge, redrive a dead letter. Consumers receive messages with an API key instead. Obtained from
 * {@link Admin#queues()}; thread-safe.
 */
public final class Queues {

    /** The most messages one {@link #peek} answers. */
    public static final int MAX_PEEK = 100;

    private record QueueList(List<QueueInfo> queues) {
    }

    private record PeekResult(List<PeekedMessage> messages) {
    }

    private record PurgeResult(int purged) {
    }

    private final AdminHttp http;

    Queues(AdminHttp http) {
        this.http = http;
    }

    /** Creates queue {@code name} with the defaults (visibility timeout 30 s, retention 4 days). */
    public QueueInfo create(String name) {
        return create(name, null, null, null);
    }

    /**
     * Creates a queue; a null argument takes the default.
     *
     * @param visibilityTimeoutSeconds 0 to 43,200 (default 30)
     * @param messageRetentionSeconds  60 to 1,209,600 (default 345,600: 4 days)
     */
    public QueueInfo create(String name, String description, Integer visibilityTimeoutSeconds,
                        Integer messageRetentionSeconds) {
        Object body = AdminHttp.body("name", name, "description", description, "visibilityTimeoutSeconds",
                visibilityTimeoutSeconds, "messageRetentionSeconds", messageRetentionSeconds);
        Transport.Answer<QueueInfo> answer = http.call("POST", "/v1/queues", body, null, QueueInfo.class);
        return answer.body().withEtag(answer.etag());
    }

    /** Queue {@code name} with its depth now; 404 {@code NotFound} when there is none. */
    public QueueInfo get(String name) {
        Transport.Answer<QueueInfo> answer = http.call("GET", path(name), null, null, QueueInfo.class);
        return answer.body().withEtag(answer.etag());
    }

    /** Every queue, by name, with its depth. */
    public List<QueueInfo> list() {
        return List.copyOf(http.get("/v1/queues", QueueList.class).queues());
    }

    /** Deletes queue {@code name} and its messages; 409 {@code Conflict} while a bus or target sends to it. */
    public void delete(String name) {
        http.delete(path(name), null);
    }

    /** {@link #delete(String)} only if the queue still has ETag {@code ifMatch}. */
    public void delete(String name, String ifMatch) {
        http.delete(path(name), ifMatch);
    }

    /** Deletes every message of the queue, in flight or not; answers how many. */
    public int purge(String name) {
        return http.post(path(name) + "/messages:purge", null, PurgeResult.class).purged();
    }

    /**
     * The oldest {@code limit} (1 to {@value #MAX_PEEK}) messages, visible or in flight; receive counts and
     * visibility stay as they are.
     */
    public List<PeekedMessage> peek(String name, int limit) {
        return List.copyOf(http.get(path(name) + "/messages:peek" + AdminHttp.query("limit", limit),
                PeekResult.class).messages());
    }

    /**
     * Sends a dead letter's event again to the target it failed at, as a new delivery, and deletes the message;
     * 409 {@code Conflict} when the message is no dead letter or its event, rule or target is gone.
     */
    public Redriven redrive(String name, UUID messageId) {
        return http.post(path(name) + "/messages:redrive", Map.of("messageId", messageId), Redriven.class);
    }

    private static String path(String name) {
        return "/v1/queues/" + Transport.segment(name);
    }
}
