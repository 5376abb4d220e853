package io.eventbus.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * An EventBridge event pattern, as JSON text ({@link #of(String)}) or built field by field ({@link #builder()}).
 * The server checks it: an invalid pattern is refused with code {@code InvalidEventPattern} and the location of the
 * problem. Immutable.
 *
 * <pre>{@code
 * EventPattern bigOrders = EventPattern.builder()
 *         .equalTo("source", "shop.orders")
 *         .equalTo("detail-type", "Order Placed")
 *         .numeric("detail.total", ">=", 100)
 *         .build();   // {"source":["shop.orders"],"detail-type":["Order Placed"],"detail":{"total":[{"numeric":[">=",100]}]}}
 * }</pre>
 */
public final class EventPattern {

    private final String json;

    private EventPattern(String json) {
        this.json = json;
    }

    /** The pattern {@code json}, sent as written (duplicate keys and number spellings kept). */
    public static EventPattern of(String json) {
        return new EventPattern(Objects.requireNonNull(json, "json"));
    }

    /** A builder; each method adds one matcher at a field path such as {@code detail.total}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The pattern as JSON text. */
    public String json() {
        return json;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventPattern pattern && pattern.json.equals(json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return json;
    }

    /**
     * Builds an {@link EventPattern}: each matcher is added to the array at its path (dots separate the levels, so
     * {@code detail.total} is {@code {"detail": {"total": [...]}}}); matchers at one path are alternatives. Not
     * thread-safe.
     */
    public static final class Builder {

        private final ObjectNode root = Json.MAPPER.createObjectNode();

        private Builder() {
        }

        /** The field equals one of {@code values} (strings, numbers, booleans or null). */
        public Builder equalTo(String path, Object... values) {
            for (Object value : values) {
                at(path).add(value == null ? Json.MAPPER.nullNode() : Json.MAPPER.<JsonNode>valueToTree(value));
            }
            return this;
        }

        /** The field is a string starting with {@code prefix}. */
        public Builder prefix(String path, String prefix) {
            return matcher(path, "prefix", Json.MAPPER.getNodeFactory().textNode(prefix));
        }

        /** The field is a string ending with {@code suffix}. */
        public Builder suffix(String path, String suffix) {
            return matcher(path, "suffix", Json.MAPPER.getNodeFactory().textNode(suffix));
        }

        /** The field is present ({@code true}) or absent ({@code false}). */
        public Builder exists(String path, boolean exists) {
            return matcher(path, "exists", Json.MAPPER.getNodeFactory().booleanNode(exists));
        }

        /** The field is a number that compares to {@code value} by {@code operator} ({@code <}, {@code >=}, {@code =}...). */
        public Builder numeric(String path, String operator, Number value) {
            ArrayNode comparison = Json.MAPPER.createArrayNode().add(operator);
            comparison.add(Json.MAPPER.<JsonNode>valueToTree(value));
            return matcher(path, "numeric", comparison);
        }

        /** The field is none of {@code values}. */
        public Builder anythingBut(String path, Object... values) {
            ArrayNode excluded = Json.MAPPER.createArrayNode();
            for (Object value : values) {
                excluded.add(Json.MAPPER.<JsonNode>valueToTree(value));
            }
            return matcher(path, "anything-but", excluded);
        }

        public EventPattern build() {
            if (root.isEmpty()) {
                throw new IllegalStateException("an event pattern needs at least one matcher");
            }
            return new EventPattern(Json.write(root));
        }

        private Builder matcher(String path, String name, JsonNode operand) {
            at(path).addObject().set(name, operand);
            return this;
        }

        private ArrayNode at(String path) {
            String[] fields = path.split("\\.");
            ObjectNode node = root;
            for (int i = 0; i < fields.length - 1; i++) {
                JsonNode child = node.get(fields[i]);
                node = child instanceof ObjectNode object ? object : node.putObject(fields[i]);
            }
            JsonNode leaf = node.get(fields[fields.length - 1]);
            return leaf instanceof ArrayNode array ? array : node.putArray(fields[fields.length - 1]);
        }
    }
}
