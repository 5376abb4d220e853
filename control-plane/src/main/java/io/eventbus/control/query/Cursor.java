package io.eventbus.control.query;

import io.eventbus.core.problem.ValidationError;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.function.Function;

/**
 * A position in a listing ordered by a time and a key (an event's ingestion time and id, a message's sending time
 * and id, an audit entry's time and number): what a page answers as {@code next} and the following request sends
 * back, {@code <time>_<key>}.
 *
 * @param <K> the key's type
 */
public record Cursor<K>(Instant at, K key) {

    /**
     * The cursor a request sent, or null when it sent none.
     *
     * @param name the query parameter, for the problem ({@code before}, {@code after})
     * @param key  reads the key; a key it refuses makes the cursor unreadable
     */
    public static <K> Cursor<K> parse(String name, @Nullable String text, Function<String, K> key) {
        if (text == null || text.isBlank()) {
            return null;
        }
        int sep = text.indexOf('_');
        try {
            return new Cursor<>(Instant.parse(text.substring(0, sep)), key.apply(text.substring(sep + 1)));
        } catch (RuntimeException e) {
            throw new ValidationError("query: " + name, name + " must be the 'next' of a previous page, not '" + text
                    + "'");
        }
    }

    public String format() {
        return at + "_" + key;
    }
}
