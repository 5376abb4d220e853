package io.eventbus.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbus.core.problem.ValidationError;

/**
 * Fields that take JSON either as a value or as a string holding it (event patterns, test events): the string
 * form keeps duplicate keys and number spellings exactly as written.
 */
public final class JsonText {

    private JsonText() {
    }

    /**
     * @param field where the value is in the request, for the error
     * @throws ValidationError when the field is missing or null
     */
    public static String of(String field, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            throw new ValidationError(field, field + " is required");
        }
        return value.isTextual() ? value.asText() : value.toString();
    }
}
