package io.eventbus.core.schema;

import java.util.Optional;

/**
 * The dialect a schema document is written in. The wire names are the ones the HTTP API and the console use;
 * {@code JSONSchemaDraft4} is EventBridge's own format name.
 */
public enum SchemaFormat {

    /** JSON Schema draft-04, as EventBridge's schema registry writes it. */
    JSON_SCHEMA_DRAFT4("JSONSchemaDraft4"),

    /** JSON Schema 2020-12, the current draft. */
    JSON_SCHEMA_2020_12("JSONSchema2020-12");

    private final String wireName;

    SchemaFormat(String wireName) {
        this.wireName = wireName;
    }

    /** The name in requests and responses, e.g. {@code JSONSchemaDraft4}. */
    public String wireName() {
        return wireName;
    }

    /** The format with exactly this wire name (case and spelling matter), or empty. */
    public static Optional<SchemaFormat> fromWireName(String name) {
        for (SchemaFormat format : values()) {
            if (format.wireName.equals(name)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
