package io.eventbus.data.ingest.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbus.data.ingest.Entry;
import io.eventbus.data.ingest.ParsedEntry;

/** Builds requests for {@link ReadCloudEvents} and takes entries apart, for the tests of this package. */
final class CloudEventsRequests {

    static final String STRUCTURED = "application/cloudevents+json";
    static final String BATCH = "application/cloudevents-batch+json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private CloudEventsRequests() {
    }

    /** Headers from name, value pairs; a name given twice gets both values. */
    static Map<String, List<String>> headers(String... nameValues) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.computeIfAbsent(nameValues[i], k -> new ArrayList<>()).add(nameValues[i + 1]);
        }
        return headers;
    }

    /** The four required ce- headers of a valid binary event, plus {@code more} pairs. */
    static Map<String, List<String>> binaryHeaders(String... more) {
        List<String> pairs = new ArrayList<>(List.of("ce-specversion", "1.0", "ce-id", "A234-1234-1234",
                "ce-source", "/shop/orders", "ce-type", "com.example.order.placed"));
        pairs.addAll(List.of(more));
        return headers(pairs.toArray(String[]::new));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static List<ParsedEntry> structured(String event) {
        return ReadCloudEvents.read(STRUCTURED, Map.of(), utf8(event));
    }

    static List<ParsedEntry> batch(String events) {
        return ReadCloudEvents.read(BATCH, Map.of(), utf8(events));
    }

    /** The one entry of a request that must have succeeded. */
    static Entry onlyEntry(List<ParsedEntry> entries) {
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).error()).as("error").isNull();
        return entries.get(0).entry();
    }

    /** The one entry of a structured request. */
    static Entry structuredEntry(String event) {
        return onlyEntry(structured(event));
    }

    /** A structured event with the required attributes and {@code members} (JSON members without braces). */
    static String event(String members) {
        return "{\"specversion\":\"1.0\",\"id\":\"A234-1234-1234\",\"source\":\"/shop/orders\","
                + "\"type\":\"com.example.order.placed\"" + (members.isEmpty() ? "" : "," + members) + "}";
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** The entry's detail without its {@code cloudevents} member: what came from the event's data. */
    static JsonNode dataPart(Entry entry) {
        ObjectNode detail = (ObjectNode) tree(entry.detail());
        assertThat(detail.has("cloudevents")).as("detail has a cloudevents member").isTrue();
        detail.remove("cloudevents");
        return detail;
    }

    /** The entry's {@code detail.cloudevents}: the context attributes. */
    static JsonNode contextPart(Entry entry) {
        return tree(entry.detail()).get("cloudevents");
    }
}
