package io.eventbus.data.ingest;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.eventbus.core.target.BusConfig;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The EventBridge envelope of an event, as stored and delivered:
 * {@code {"version":"0","id","detail-type","source","account","time","region","resources","detail"}} in that
 * order, then {@code "hop-count"} for an event a bus target forwarded. Written as text around the entry's detail,
 * which is copied as the producer sent it (no re-encoding). Pure function.
 */
public final class Envelope {

    private Envelope() {
    }

    /** {@code time} is truncated to seconds, as EventBridge does. */
    public static String write(UUID id, Entry entry, Instant time, String account, String region) {
        StringBuilder b = new StringBuilder(entry.detail().length() + 256);
        b.append("{\"version\":\"0\",\"id\":\"").append(id)
                .append("\",\"detail-type\":");
        quote(b, entry.detailType());
        b.append(",\"source\":");
        quote(b, entry.source());
        b.append(",\"account\":");
        quote(b, account);
        b.append(",\"time\":\"").append(time.truncatedTo(ChronoUnit.SECONDS)).append("\",\"region\":");
        quote(b, region);
        b.append(",\"resources\":[");
        List<String> resources = entry.resources();
        for (int i = 0; i < resources.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            quote(b, resources.get(i));
        }
        b.append("],\"detail\":").append(entry.detail());
        if (entry.hops() > 0) {
            b.append(",\"").append(BusConfig.HOP_COUNT).append("\":").append(entry.hops());
        }
        return b.append('}').toString();
    }

    private static void quote(StringBuilder b, String value) {
        b.append('"');
        JsonStringEncoder.getInstance().quoteAsString(value, b);
        b.append('"');
    }
}
