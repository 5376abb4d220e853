package io.eventbus.core.schema;

import io.eventbus.core.problem.ValidationError;

/**
 * A schema document that is refused: HTTP 400, code {@code InvalidSchema}. The location is {@code content} for
 * the document as a whole, or {@code content} followed by a JSON pointer into it (e.g.
 * {@code content/properties/a/$ref}) when the problem has a place. Immutable, thread-safe.
 */
public final class InvalidSchema extends ValidationError {

    private static final long serialVersionUID = 1L;

    /** The request field that holds the schema document. */
    static final String FIELD = "content";

    /**
     * @param pointer a JSON pointer into the document ({@code ""} for the document as a whole)
     * @param detail  what is wrong and, where it helps, what to do
     */
    InvalidSchema(String pointer, String detail) {
        super("InvalidSchema", FIELD + pointer, detail);
    }
}
