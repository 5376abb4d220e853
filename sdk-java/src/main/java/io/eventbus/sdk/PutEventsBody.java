package io.eventbus.sdk;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The body of a put, {@code {"entries": [...]}}, written straight into UTF-8 bytes: what Jackson writes for
 * {@code Map.of("entries", events)}, byte for byte, at a fraction of the CPU. Each event's detail is JSON text
 * already checked by {@link Event.Builder}, copied in with one {@link String#getBytes} where Jackson's raw value
 * went character by character; names and short texts are quoted by Jackson's own {@link JsonStringEncoder}. The
 * publisher writes a body per put, so this is most of what its thread does. Stateless.
 */
final class PutEventsBody {

    private static final JsonStringEncoder QUOTE = JsonStringEncoder.getInstance();

    private PutEventsBody() {
    }

    static Transport.JsonBytes of(List<Event> events) {
        int size = 16;
        for (Event event : events) {
            size += event.detail().length() + 128;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(bytes("{\"entries\":["));
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            out.writeBytes(bytes(i == 0 ? "{\"source\":" : ",{\"source\":"));
            text(out, event.source());
            out.writeBytes(bytes(",\"detailType\":"));
            text(out, event.detailType());
            out.writeBytes(bytes(",\"detail\":"));
            out.writeBytes(event.detail().getBytes(StandardCharsets.UTF_8));
            if (!event.resources().isEmpty()) {
                out.writeBytes(bytes(",\"resources\":["));
                for (int r = 0; r < event.resources().size(); r++) {
                    if (r > 0) {
                        out.write(',');
                    }
                    text(out, event.resources().get(r));
                }
                out.write(']');
            }
            if (event.time() != null) {
                out.writeBytes(bytes(",\"time\":"));
                text(out, event.time().toString());
            }
            if (event.idempotencyKey() != null && !event.idempotencyKey().isEmpty()) {
                out.writeBytes(bytes(",\"idempotencyKey\":"));
                text(out, event.idempotencyKey());
            }
            out.write('}');
        }
        out.writeBytes(bytes("]}"));
        return new Transport.JsonBytes(out.toByteArray());
    }

    private static void text(ByteArrayOutputStream out, String text) {
        out.write('"');
        out.writeBytes(QUOTE.quoteAsUTF8(text));
        out.write('"');
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }
}
