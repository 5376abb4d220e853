package io.eventbus.data.queue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.eventbus.core.problem.PayloadTooLarge;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.DataRole;
import io.eventbus.data.queue.QueueMessageController.ChangeVisibilityRequest;
import io.eventbus.data.queue.QueueMessageController.ReceiveMessagesRequest;
import io.eventbus.data.queue.QueueMessageController.SendMessageRequest;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the bodies of the queue consumer routes with the application's strict JSON mapper (unknown fields,
 * wrong types and duplicate keys are 400s that say where) and checks their values; the records it returns have
 * every default filled in, except a receive's visibility timeout, which is the queue's. Limits as SQS. Stateless
 * and thread-safe.
 */
@Singleton
@DataRole
final class ReadQueueRequests {

    static final int MAX_ATTRIBUTES = 10;
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,256}");

    private final ObjectMapper json;
    private final QueueSettings settings;

    ReadQueueRequests(ObjectMapper json, QueueSettings settings) {
        // The application's mapper turns a number or boolean given for a string into its text; a message body
        // or attribute value must be a string as sent.
        this.json = json.copy();
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean)) {
            this.json.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        this.settings = settings;
    }

    SendMessageRequest send(byte[] body) throws IOException {
        SendMessageRequest request = body == null || body.length == 0 ? null
                : json.readValue(body, SendMessageRequest.class);
        if (request == null || request.body() == null || request.body().isEmpty()) {
            throw new ValidationError("body", "body is required: the message, a string of at least one character,"
                    + " e.g. {\"body\": \"hello\"}");
        }
        Map<String, String> attributes = request.attributes() == null ? Map.of() : request.attributes();
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw new ValidationError("attributes", "attributes holds " + attributes.size() + " entries; at most "
                    + MAX_ATTRIBUTES + " are allowed");
        }
        long bytes = utf8(request.body());
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            if (!ATTRIBUTE_NAME.matcher(a.getKey()).matches()) {
                throw new ValidationError("attributes", "attribute name '" + a.getKey() + "' is not valid: use 1 to"
                        + " 256 letters, digits, '.', '_' or '-'");
            }
            if (a.getValue() == null) {
                throw new ValidationError("attributes." + a.getKey(), "attributes." + a.getKey() + " must be a string");
            }
            bytes += utf8(a.getKey()) + utf8(a.getValue());
        }
        if (bytes > settings.maxMessageBytes()) {
            throw new PayloadTooLarge("body", "The message is " + bytes + " bytes (body and attributes, UTF-8); at most "
                    + settings.maxMessageBytes() + " are allowed");
        }
        int delay = range("delaySeconds", request.delaySeconds(), 0, 0, 900);
        return new SendMessageRequest(request.body(), new LinkedHashMap<>(attributes), delay);
    }

    ReceiveMessagesRequest receive(byte[] body) throws IOException {
        ReceiveMessagesRequest request = body == null || body.length == 0 ? null
                : json.readValue(body, ReceiveMessagesRequest.class);
        if (request == null) {
            request = new ReceiveMessagesRequest(null, null, null);
        }
        Integer visibility = request.visibilityTimeoutSeconds() == null ? null
                : range("visibilityTimeoutSeconds", request.visibilityTimeoutSeconds(), 0, 0, 43_200);
        return new ReceiveMessagesRequest(range("maxMessages", request.maxMessages(), 1, 1, 10), visibility,
                range("waitTimeSeconds", request.waitTimeSeconds(), 0, 0, 20));
    }

    ChangeVisibilityRequest changeVisibility(byte[] body) throws IOException {
        ChangeVisibilityRequest request = body == null || body.length == 0 ? null
                : json.readValue(body, ChangeVisibilityRequest.class);
        if (request == null || request.visibilityTimeoutSeconds() == null) {
            throw new ValidationError("visibilityTimeoutSeconds", "visibilityTimeoutSeconds is required: 0 to 43200");
        }
        return new ChangeVisibilityRequest(range("visibilityTimeoutSeconds", request.visibilityTimeoutSeconds(), 0,
                0, 43_200));
    }

    private static int range(String field, Integer value, int fallback, int min, int max) {
        int v = value == null ? fallback : value;
        if (v < min || v > max) {
            throw new ValidationError(field, field + " must be from " + min + " to " + max + ", not " + v);
        }
        return v;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
