package io.eventbus.data.ingest.cloudevents;

import java.time.Instant;
import java.util.List;

import io.cloudevents.CloudEvent;
import io.eventbus.data.ingest.Entry;

/**
 * Maps a valid CloudEvent to a native {@link Entry}: {@code source} to source, {@code type} to detailType,
 * {@code subject} to the one resource, {@code time} to time, ({@code source}, {@code id}) to the idempotency key,
 * and data plus every context attribute to detail ({@link Detail}). Stateless and thread-safe.
 */
final class MapToEntry {

    /** The native model's limit on {@code detailType}. */
    static final int MAX_DETAIL_TYPE = 128;

    private MapToEntry() {
    }

    /** @throws InvalidEvent when the event breaks a limit of the native model */
    static Entry map(Event event) {
        CloudEvent context = event.context();
        String type = context.getType();
        if (type.length() > MAX_DETAIL_TYPE) {
            throw new InvalidEvent("type", "type is " + type.length() + " characters long; at most "
                    + MAX_DETAIL_TYPE + " are allowed, as it becomes detailType");
        }
        String source = context.getSource().toString();
        Instant time = context.getTime() == null ? null : context.getTime().toInstant();
        List<String> resources = context.getSubject() == null ? List.of() : List.of(context.getSubject());
        return new Entry(source, type, Detail.of(event), resources, time, idempotencyKey(source, context.getId()));
    }

    /**
     * {@code ce:<source>#<id>}, so that a producer sending the same event again (same source and id, as the
     * specification asks of retries) is deduplicated. {@code %} and {@code #} in the source are percent-encoded
     * ({@code %25}, {@code %23}) so that the first {@code #} always ends the source and no two (source, id) pairs
     * share a key.
     */
    static String idempotencyKey(String source, String id) {
        return "ce:" + source.replace("%", "%25").replace("#", "%23") + "#" + id;
    }
}
