package io.eventbus.core.target;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The request a webhook target gets for one attempt of a delivery, but for what only the sender may know: the
 * header of the target's connection and the {@code webhook-signature} (both from secrets). The data plane sends it
 * and the control plane shows it (the explorer's {@code GET /v1/deliveries/{id}/request}), so both describe the same
 * request. Its headers, each replacing one of the same name set before it (in any case): {@code user-agent}; the Standard Webhooks {@code webhook-id} (the delivery id, the same for every attempt) and
 * {@code webhook-timestamp}; in CloudEvents binary mode the {@code ce-*} attributes ({@link CloudEventsBinary});
 * the target's own headers; and {@code content-type}, the body's, which wins over a configured one. Pure.
 *
 * @param headers by name, case-insensitive, sorted
 */
public record WebhookRequest(String method, String url, Map<String, String> headers, byte[] body,
                             String contentType) {

    public static final String USER_AGENT = "Eventbus";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    private static final String JSON = "application/json";

    /**
     * @param config    the target's configuration
     * @param envelope  the event as stored
     * @param body      what input shaping made of it ({@code io.eventbus.core.transform.ShapeInput#shape})
     * @param shaped    whether the target shapes its input: in CloudEvents mode, the body is then the data
     * @param timestamp the attempt's time, in seconds since the epoch
     */
    public static WebhookRequest of(String deliveryId, long timestamp, WebhookConfig config, String envelope, String body,
                                    boolean shaped) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("user-agent", USER_AGENT);
        headers.put("webhook-id", deliveryId);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String type = JSON;
        if (config.cloudEventsBinary()) {
            CloudEventsBinary.Message message = CloudEventsBinary.of(envelope, shaped ? body : null);
            headers.putAll(message.headers());
            bytes = message.body();
            type = message.contentType() == null ? "application/octet-stream" : message.contentType();
        }
        if (config.headers() != null) {
            headers.putAll(config.headers());
        }
        headers.put("content-type", type);
        return new WebhookRequest(config.method(), config.url(), Collections.unmodifiableMap(headers), bytes, type);
    }
}
