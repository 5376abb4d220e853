package io.eventbus.data.ingest;

import java.time.Instant;
import java.util.List;

/**
 * One event a producer put, validated and ready to match and store, in the native model whatever protocol it
 * came by (native JSON, CloudEvents).
 *
 * @param source         required, e.g. {@code shop.orders}
 * @param detailType     required, at most 128 characters
 * @param detail         the event's {@code detail}: the text of a JSON object
 * @param resources      ARNs or other resource names; empty when none
 * @param time           when the event happened; the ingestion time when the producer gave none
 * @param idempotencyKey the same key on the same bus within 24 h yields the first event's id and stores nothing
 *                       new; null when none
 * @param hops           the buses the event was forwarded through by bus targets before this one (its envelope's
 *                       {@code hop-count}); 0 for an event a producer put
 */
public record Entry(String source, String detailType, String detail, List<String> resources, Instant time,
                    String idempotencyKey, int hops) {

    /** An event a producer put: forwarded through no bus yet. */
    public Entry(String source, String detailType, String detail, List<String> resources, Instant time,
                 String idempotencyKey) {
        this(source, detailType, detail, resources, time, idempotencyKey, 0);
    }
}
