package io.eventbus.data.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.DataRole;
import io.eventbus.core.setting.EnvironmentVariable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the native ingest body {@code {"entries": [...]}}. A request that is not JSON, not of that shape, or has
 * too many entries is refused whole (400); otherwise each entry is checked on its own and a bad one gets an
 * {@link EntryError} while the others go on. Stateless and thread-safe.
 */
@Singleton
@DataRole
public final class ReadEntries {

    static final int MAX_SOURCE = 256;
    static final int MAX_DETAIL_TYPE = 128;
    static final int MAX_RESOURCES = 100;
    static final int MAX_RESOURCE = 2048;
    static final int MAX_IDEMPOTENCY_KEY = 256;
    private static final Set<String> FIELDS = Set.of("source", "detailType", "detail", "resources", "time",
            "idempotencyKey");

    private final ObjectMapper json;
    private final IngestSettings settings;

    ReadEntries(ObjectMapper json, IngestSettings settings) {
        this.json = json;
        this.settings = settings;
    }

    public List<ParsedEntry> read(byte[] body) throws IOException {
        if (body == null || body.length == 0) {
            throw new ValidationError("$", "The body is empty; send {\"entries\": [...]}");
        }
        JsonNode root = json.readTree(body);
        if (root == null || !root.isObject()) {
            throw new ValidationError("$", "The body must be a JSON object {\"entries\": [...]}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("entries")) {
                throw new ValidationError(name, "Unknown field '" + name + "' (known fields: entries)");
            }
        }
        JsonNode entries = root.get("entries");
        if (entries == null || !entries.isArray() || entries.isEmpty()) {
            throw new ValidationError("entries", "entries must be an array of 1 to " + settings.maxEntriesPerRequest()
                    + " events");
        }
        if (entries.size() > settings.maxEntriesPerRequest()) {
            throw new ValidationError("entries", "entries holds " + entries.size() + " events; at most "
                    + settings.maxEntriesPerRequest() + " fit in one request ("
                    + EnvironmentVariable.of(IngestSettings.PREFIX + ".max-entries-per-request") + ")");
        }
        List<ParsedEntry> out = new ArrayList<>(entries.size());
        for (JsonNode entry : entries) {
            out.add(entry(entry));
        }
        return out;
    }

    private ParsedEntry entry(JsonNode entry) {
        if (!entry.isObject()) {
            return ParsedEntry.refused("ValidationError", "An entry must be a JSON object");
        }
        int size = entry.toString().getBytes(StandardCharsets.UTF_8).length;
        if (size > settings.maxEntryBytes()) {
            return ParsedEntry.refused("EntryTooLarge", "The entry is " + size + " bytes; at most "
                    + settings.maxEntryBytes() + " are allowed");
        }
        for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                return ParsedEntry.refusedAt(name, "Unknown field '" + name + "' (known fields: detail,"
                        + " detailType, idempotencyKey, resources, source, time)");
            }
        }
        String source = text(entry, "source", MAX_SOURCE);
        String detailType = text(entry, "detailType", MAX_DETAIL_TYPE);
        if (source == null || detailType == null) {
            String field = source == null ? "source" : "detailType";
            return ParsedEntry.refusedAt(field, field + " is required: a string of 1 to "
                    + (source == null ? MAX_SOURCE : MAX_DETAIL_TYPE) + " characters");
        }
        JsonNode detail = entry.get("detail");
        if (detail == null || !detail.isObject()) {
            return ParsedEntry.refusedAt("detail", "detail is required and must be a JSON object");
        }
        List<String> resources = new ArrayList<>();
        JsonNode rs = entry.get("resources");
        if (rs != null && !rs.isNull()) {
            if (!rs.isArray() || rs.size() > MAX_RESOURCES) {
                return ParsedEntry.refusedAt("resources", "resources must be an array of at most " + MAX_RESOURCES
                        + " strings");
            }
            for (JsonNode r : rs) {
                if (!r.isTextual() || r.asText().isEmpty() || r.asText().length() > MAX_RESOURCE) {
                    return ParsedEntry.refusedAt("resources[" + resources.size() + "]", "resources must hold strings"
                            + " of 1 to " + MAX_RESOURCE + " characters");
                }
                resources.add(r.asText());
            }
        }
        Instant time = null;
        JsonNode t = entry.get("time");
        if (t != null && !t.isNull()) {
            try {
                time = OffsetDateTime.parse(t.asText()).toInstant();
            } catch (DateTimeParseException e) {
                return ParsedEntry.refusedAt("time", "time must be an RFC 3339 timestamp such as"
                        + " 2026-11-26T10:00:00Z, not " + t);
            }
        }
        String key = null;
        if (entry.has("idempotencyKey")) {
            key = text(entry, "idempotencyKey", MAX_IDEMPOTENCY_KEY);
            if (key == null) {
                return ParsedEntry.refusedAt("idempotencyKey", "idempotencyKey must be a string of 1 to "
                        + MAX_IDEMPOTENCY_KEY + " characters");
            }
        }
        return ParsedEntry.ok(new Entry(source, detailType, detail.toString(), List.copyOf(resources), time, key));
    }

    private static String text(JsonNode entry, String field, int max) {
        JsonNode v = entry.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty() || v.asText().length() > max) {
            return null;
        }
        return v.asText();
    }
}
