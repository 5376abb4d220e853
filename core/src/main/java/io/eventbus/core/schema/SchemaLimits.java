package io.eventbus.core.schema;

/**
 * The limits a schema document must stay within, so that storing, compiling and validating against one stays
 * cheap and bounded however the document was written. The caller also bounds the request body.
 */
public final class SchemaLimits {

    /** The largest document accepted, in bytes of UTF-8: 256 KiB. */
    public static final int MAX_DOCUMENT_BYTES = 256 * 1024;

    /** The deepest nesting of objects and arrays accepted; the document itself is depth 1. */
    public static final int MAX_DEPTH = 32;

    /** The most values one {@code enum} may list. */
    public static final int MAX_ENUM_VALUES = 1_000;

    /** The most JSON values (objects, arrays, strings, numbers, ...) in the whole document. */
    public static final int MAX_NODES = 10_000;

    /** The longest regular expression ({@code pattern} or a {@code patternProperties} key), in characters. */
    public static final int MAX_PATTERN_LENGTH = 1_000;

    private SchemaLimits() {
    }
}
