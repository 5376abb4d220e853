package io.eventbus.data.ingest.cloudevents;

import java.io.IOException;
import java.nio.charset.Charset;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.jackson.JsonFormatOptions;
import io.cloudevents.rw.CloudEventRWException;
import io.eventbus.core.problem.ValidationError;

/**
 * The JSON reader and writer of this package: strict like the native API (duplicate keys and trailing content are
 * errors) and exact with numbers ({@code 1.0} stays {@code 1.0}, big numbers keep every digit), with the
 * CloudEvents SDK's JSON event format registered. The mapper is configured once and then only used, so this class
 * is thread-safe.
 */
final class CloudEventsJson {

    private static final ObjectMapper MAPPER = mapper();

    private CloudEventsJson() {
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
                DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        mapper.registerModule(JsonFormat.getCloudEventJacksonModule(JsonFormatOptions.builder()
                .disableDataContentTypeDefaulting(true).build()));
        return mapper;
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * Reads a whole JSON text: in {@code media}'s charset when it names one, else as UTF-8, -16 or -32 (RFC 8259).
     *
     * @param what what the bytes are, for the error, e.g. {@code body}
     * @return the value; a missing node when the bytes are empty
     * @throws ValidationError when the bytes are not one valid JSON value
     */
    static JsonNode parse(byte[] bytes, MediaType media, String what) {
        Charset charset = media == null ? null : media.decodingCharset();
        try {
            return charset == null ? MAPPER.readTree(bytes) : MAPPER.readTree(new String(bytes, charset));
        } catch (JsonProcessingException e) {
            throw new ValidationError(what, "The " + what + " is not valid JSON: " + e.getOriginalMessage()
                    + at(e.getLocation()));
        } catch (IOException e) {
            throw new ValidationError(what, "The " + what + " cannot be read as JSON: " + e.getMessage());
        }
    }

    /**
     * The context attributes of a JSON event without its data, read by the CloudEvents SDK (which checks attribute
     * types, URIs, times and extension names).
     *
     * @throws InvalidEvent when the SDK refuses them
     */
    static CloudEvent context(ObjectNode attributes) {
        try {
            return MAPPER.treeToValue(attributes, CloudEvent.class);
        } catch (JsonProcessingException e) {
            throw new InvalidEvent(null, "not a valid CloudEvent: " + e.getOriginalMessage());
        } catch (IllegalArgumentException | IllegalStateException | CloudEventRWException e) {
            throw new InvalidEvent(null, "not a valid CloudEvent: " + e.getMessage());
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** {@code a JSON array}, {@code a string}, ... for messages. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "an empty body";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "a JSON array";
            case OBJECT -> "a JSON object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
