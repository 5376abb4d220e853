package io.eventbus.control.query;

import io.eventbus.core.problem.ValidationError;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * How the admin API reads the values of its searches and requests: times, prefixes, blanks, bounded counts. One
 * place for each. Pure.
 */
public final class Queries {

    private Queries() {
    }

    /** Null for a blank value. */
    public static String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * An RFC 3339 time, or null when blank.
     *
     * @param location where the value was, for the problem ({@code query: from}, {@code from})
     * @param name     its name in the sentence of the problem
     */
    public static Instant instant(String location, String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new ValidationError(location, name + " must be an RFC 3339 time such as 2026-11-26T10:00:00Z, not '"
                    + value + "'");
        }
    }

    /**
     * A LIKE pattern (backslash escapes) for the values that start with {@code prefix}, its {@code %} and {@code _}
     * taken literally; null when blank.
     */
    public static String likePrefix(@Nullable String prefix) {
        String value = blankToNull(prefix);
        return value == null ? null : value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /**
     * A whole number of a request from 1 to {@code max}, {@code absent} when not given.
     *
     * @param field where the value was, for the problem
     */
    public static int within(String field, @Nullable Integer value, int absent, int max) {
        if (value == null) {
            return absent;
        }
        if (value < 1 || value > max) {
            throw new ValidationError(field, field + " must be 1 to " + max + ", not " + value);
        }
        return value;
    }
}
