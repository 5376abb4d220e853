package io.eventbus.data.ingest;

/** One entry of a request after reading: an {@link Entry}, or the {@link EntryError} that refused it. */
public record ParsedEntry(Entry entry, EntryError error) {

    public static ParsedEntry ok(Entry entry) {
        return new ParsedEntry(entry, null);
    }

    public static ParsedEntry refused(String code, String message) {
        return new ParsedEntry(null, new EntryError(code, message));
    }

    public boolean isOk() {
        return entry != null;
    }
}
