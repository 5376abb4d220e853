package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * What a schema version says of a sample detail ({@link Schemas#validate}). Immutable.
 *
 * @param version    the version it was checked against
 * @param violations empty when valid; else each with its JSON pointer into the detail ({@code /customer/id};
 *                   {@code ""} or {@code /} for the detail itself) and its reason
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SchemaValidationResult(String name, int version, boolean valid, List<Violation> violations) {

    public SchemaValidationResult {
        violations = violations == null ? List.of() : List.copyOf(violations);
    }

    /** One thing the schema refuses in the detail. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Violation(String pointer, String message) {
    }
}
