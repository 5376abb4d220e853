package io.eventbus.core.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A schema document that passed every check, compiled once. Immutable and thread-safe: compile a version once,
 * cache it, and validate any number of events against it from any thread.
 *
 * <p>{@link #compile} refuses, each time with an {@link InvalidSchema} saying where and why: text that is not a
 * JSON object; a document past a limit of {@link SchemaLimits}; a {@code $schema} that names another draft than
 * the declared format; a document its draft's meta-schema refuses; a reference that is not local; an unsafe
 * regular expression (see {@link SafeRegex}); and a document the validator cannot compile (a local reference to
 * nothing). Nothing is ever fetched from the network (see {@link JsonSchemaEngine}).
 */
public final class CompiledSchema {

    /** The most violations {@link #validate} reports; the rest are left out. */
    static final int MAX_VIOLATIONS = 20;

    /** The most meta-schema complaints quoted in an {@link InvalidSchema}'s detail. */
    private static final int MAX_QUOTED_COMPLAINTS = 5;

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final SchemaFormat format;
    private final JsonNode content;
    private final Schema schema;

    private CompiledSchema(SchemaFormat format, JsonNode content, Schema schema) {
        this.format = format;
        this.content = content;
        this.schema = schema;
    }

    /**
     * Checks and compiles a schema document.
     *
     * @param format  the draft the document is written in
     * @param content the document's text
     * @throws InvalidSchema when the document is refused; the detail says why and the location where
     */
    public static CompiledSchema compile(SchemaFormat format, String content) {
        Objects.requireNonNull(format, "format");
        JsonNode document = parse(content);
        CheckDocument.check(document);
        DeclaredDraft.check(format, document);
        JsonSchemaEngine engine = JsonSchemaEngine.of(format);
        List<com.networknt.schema.Error> complaints = engine.metaSchemaErrors(document);
        if (!complaints.isEmpty()) {
            throw notAValidSchema(format, complaints);
        }
        try {
            return new CompiledSchema(format, document, engine.compile(document));
        } catch (SchemaException e) {
            throw new InvalidSchema("", "Schema does not compile: " + e.getMessage());
        } catch (RuntimeException e) {
            // the document passed the meta-schema, so whatever else the validator trips on is still the document's
            throw new InvalidSchema("", "Schema does not compile: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** The draft the document is written in. */
    public SchemaFormat format() {
        return format;
    }

    /** The parsed document. Do not modify it. */
    public JsonNode content() {
        return content;
    }

    /**
     * Validates an event's {@code detail}.
     *
     * @return why it does not match, at most {@value #MAX_VIOLATIONS} violations in document order (a problem
     *         with an object, such as a missing property, comes before problems inside it); empty when valid
     */
    public List<SchemaViolation> validate(JsonNode detail) {
        Objects.requireNonNull(detail, "detail");
        List<com.networknt.schema.Error> errors = schema.validate(detail);
        if (errors.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> order = documentOrder(detail);
        return errors.stream()
                .map(CompiledSchema::violation)
                .distinct()
                .sorted(Comparator.comparingInt(v -> order.getOrDefault(v.pointer(), Integer.MAX_VALUE)))
                .limit(MAX_VIOLATIONS)
                .toList();
    }

    private static JsonNode parse(String content) {
        if (content == null) {
            throw new InvalidSchema("", "Schema content is required");
        }
        int bytes = content.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > SchemaLimits.MAX_DOCUMENT_BYTES) {
            throw new InvalidSchema("", "Schema is " + bytes + " bytes; the limit is "
                    + SchemaLimits.MAX_DOCUMENT_BYTES + " bytes (256 KiB)");
        }
        JsonNode document;
        try {
            document = STRICT.readTree(content);
        } catch (JsonProcessingException e) {
            throw new InvalidSchema("", "Schema is not JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        if (document == null || !document.isObject()) {
            throw new InvalidSchema("", "Schema must be a JSON object, not "
                    + (document == null || document.isMissingNode() ? "nothing" : document.getNodeType().name()
                    .toLowerCase(Locale.ROOT)));
        }
        return document;
    }

    private static InvalidSchema notAValidSchema(SchemaFormat format, List<com.networknt.schema.Error> complaints) {
        String quoted = complaints.stream()
                .limit(MAX_QUOTED_COMPLAINTS)
                .map(e -> Pointers.prose(pointer(e)) + ": " + e.getMessage())
                .collect(Collectors.joining("; "));
        String more = complaints.size() > MAX_QUOTED_COMPLAINTS
                ? " (and " + (complaints.size() - MAX_QUOTED_COMPLAINTS) + " more)" : "";
        return new InvalidSchema(pointer(complaints.get(0)), "Schema is not a valid " + format.wireName()
                + " document: " + quoted + more);
    }

    private static String pointer(com.networknt.schema.Error error) {
        return error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
    }

    private static SchemaViolation violation(com.networknt.schema.Error error) {
        String message = error.getMessage();
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            message = "required property '" + error.getProperty() + "' is missing";
        }
        return new SchemaViolation(pointer(error), message);
    }

    /** Each pointer in {@code detail}, numbered in document order (an object before its members). */
    private static Map<String, Integer> documentOrder(JsonNode detail) {
        Map<String, Integer> order = new HashMap<>();
        number(detail, "", order);
        return order;
    }

    private static void number(JsonNode node, String pointer, Map<String, Integer> order) {
        order.put(pointer, order.size());
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                number(node.get(i), Pointers.element(pointer, i), order);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                number(member.getValue(), Pointers.member(pointer, member.getKey()), order);
            }
        }
    }

    @Override
    public String toString() {
        return "CompiledSchema[" + format.wireName() + "]";
    }
}
