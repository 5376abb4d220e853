package io.eventbus.core.target;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.core.problem.ValidationError;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the fields of a stored target configuration ({@link TargetType}): each read names the field's location
 * when the value is missing or of the wrong kind. A field that is absent or JSON {@code null} reads as absent.
 */
public final class StoredFields {

    private final JsonNode node;
    private final String location;

    StoredFields(JsonNode node, String location) {
        this.node = node;
        this.location = location;
    }

    /** A text the configuration must have. */
    public String text(String field) {
        String value = optionalText(field, null);
        if (value == null) {
            throw new ValidationError(at(field), at(field) + " is required");
        }
        return value;
    }

    /** A text, or {@code otherwise} when absent. */
    public String optionalText(String field, String otherwise) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.isTextual()) {
            throw new ValidationError(at(field), at(field) + " must be a string");
        }
        return value.asText();
    }

    /** A whole number, or {@code otherwise} when absent. */
    public Integer optionalInt(String field, Integer otherwise) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new ValidationError(at(field), at(field) + " must be a whole number");
        }
        return value.asInt();
    }

    /** Texts by name, in their stored order; empty when absent. */
    public Map<String, String> textMap(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new ValidationError(at(field), at(field) + " must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        value.properties().forEach(e -> {
            if (!e.getValue().isTextual()) {
                throw new ValidationError(at(field) + "." + e.getKey(), at(field) + "." + e.getKey() + " must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        return Collections.unmodifiableMap(out);
    }

    /** Texts; empty when absent. */
    public List<String> textList(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new ValidationError(at(field), at(field) + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw new ValidationError(at(field) + "[" + i + "]", at(field) + "[" + i + "] must be a string");
            }
            out.add(value.get(i).asText());
        }
        return List.copyOf(out);
    }

    /** The fields of a nested object the configuration must have. */
    public StoredFields object(String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new ValidationError(at(field), at(field) + " must be an object");
        }
        return new StoredFields(value, at(field));
    }

    private String at(String field) {
        return location + "." + field;
    }
}
