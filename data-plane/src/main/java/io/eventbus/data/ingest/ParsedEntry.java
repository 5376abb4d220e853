package io.eventbus.data.ingest;

/** One entry of a request after reading: an {@link Entry}, or the {@link EntryError} that refused it. */
public record ParsedEntry(Entry entry, EntryError error) {

    public static ParsedEntry ok(Entry entry) {
        return new ParsedEntry(entry, null);
    }

    public static ParsedEntry refused(String code, String message) {
        return new ParsedEntry(null, new EntryError(code, message, null));
    }

    /** Refused because of one field of the entry ({@code location}, e.g. {@code detail}). */
    public static ParsedEntry refusedAt(String location, String message) {
        return new ParsedEntry(null, new EntryError("ValidationError", message, location));
    }

    public boolean isOk() {
        return entry != null;
    }
}
