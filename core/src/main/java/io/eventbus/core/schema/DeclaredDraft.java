package io.eventbus.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Checks that a document's {@code $schema}, when it has one, names the draft of its declared format, so the
 * format stored with a version never disagrees with the document. Stateless, thread-safe.
 */
final class DeclaredDraft {

    /** Each known draft's meta-schema address, without scheme and trailing {@code #}, and its name. */
    private static final Map<String, String> DRAFTS = Map.of(
            "json-schema.org/draft-03/schema", "draft-03",
            "json-schema.org/draft-04/schema", "draft-04",
            "json-schema.org/draft-06/schema", "draft-06",
            "json-schema.org/draft-07/schema", "draft-07",
            "json-schema.org/draft/2019-09/schema", "2019-09",
            "json-schema.org/draft/2020-12/schema", "2020-12");

    private DeclaredDraft() {
    }

    /** @throws InvalidSchema when {@code $schema} is present and names another draft than {@code format}'s */
    static void check(SchemaFormat format, JsonNode document) {
        JsonNode declared = document.get("$schema");
        if (declared == null) {
            return;
        }
        String expected = switch (format) {
            case JSON_SCHEMA_DRAFT4 -> "draft-04";
            case JSON_SCHEMA_2020_12 -> "2020-12";
        };
        if (!declared.isTextual()) {
            throw new InvalidSchema("/$schema", "$schema must be a string such as \"" + address(format) + "\"");
        }
        String draft = DRAFTS.get(normalise(declared.asText()));
        if (draft == null) {
            throw new InvalidSchema("/$schema", "$schema '" + declared.asText() + "' is not a known JSON Schema"
                    + " draft; for format " + format.wireName() + " use \"" + address(format) + "\" or leave"
                    + " $schema out");
        }
        if (!draft.equals(expected)) {
            String hint = switch (draft) {
                case "draft-04" -> "; declare format " + SchemaFormat.JSON_SCHEMA_DRAFT4.wireName();
                case "2020-12" -> "; declare format " + SchemaFormat.JSON_SCHEMA_2020_12.wireName();
                default -> "; only draft-04 and 2020-12 are supported";
            };
            throw new InvalidSchema("/$schema", "$schema says this is a JSON Schema " + draft + " document, but"
                    + " its format is " + format.wireName() + " (" + expected + ")" + hint);
        }
    }

    private static String normalise(String address) {
        String a = address.strip();
        if (a.endsWith("#")) {
            a = a.substring(0, a.length() - 1);
        }
        if (a.startsWith("https://")) {
            return a.substring("https://".length());
        }
        if (a.startsWith("http://")) {
            return a.substring("http://".length());
        }
        return a;
    }

    private static String address(SchemaFormat format) {
        return switch (format) {
            case JSON_SCHEMA_DRAFT4 -> "http://json-schema.org/draft-04/schema#";
            case JSON_SCHEMA_2020_12 -> "https://json-schema.org/draft/2020-12/schema";
        };
    }
}
