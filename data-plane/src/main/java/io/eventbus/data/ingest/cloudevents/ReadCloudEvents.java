package io.eventbus.data.ingest.cloudevents;

import java.util.List;
import java.util.Map;

import io.eventbus.core.problem.ValidationError;
import io.eventbus.data.ingest.ParsedEntry;

/**
 * Reads a CloudEvents 1.0 HTTP request ({@code POST /v1/buses/{bus}/cloudevents}) into native entries, by the
 * content type: {@code application/cloudevents+json} is structured mode (one event),
 * {@code application/cloudevents-batch+json} batch mode (a JSON array of events, possibly empty), anything else
 * (or none) binary mode ({@code ce-*} headers, the body is the data). The mapping is in {@code docs/cloudevents.md}.
 *
 * <p>Stateless and thread-safe; it does no I/O and touches no database.
 */
public final class ReadCloudEvents {

    private ReadCloudEvents() {
    }

    /**
     * @param contentType the request's {@code Content-Type}, or {@code null} (then it is looked up in
     *                    {@code headers})
     * @param headers     the request's headers; names in any case
     * @param body        the request's body; {@code null} counts as empty
     * @return one entry per event, in request order; an event that cannot become an entry is a refused entry with
     *         code {@code ValidationError} (in a batch, the message starts with {@code event [index]:})
     * @throws ValidationError when the request as a whole cannot be read: a body that is not JSON, or not an object
     *                         (structured) or array (batch); an event format other than JSON; a charset Java
     *                         does not know; in binary mode, a missing, empty or invalid {@code ce-*} attribute (or
     *                         one sent twice with different values), a specversion other than 1.0, or a body that
     *                         is not JSON under a JSON {@code Content-Type}
     */
    public static List<ParsedEntry> read(String contentType, Map<String, List<String>> headers, byte[] body) {
        Map<String, List<String>> allHeaders = headers == null ? Map.of() : headers;
        byte[] bytes = body == null ? new byte[0] : body;
        String type = contentType != null ? contentType : CeHeaders.first(allHeaders, "content-type");
        MediaType media = MediaType.parse(type);
        String essence = media == null ? "" : media.essence();
        if (essence.equals(MediaType.STRUCTURED)) {
            return StructuredMode.one(bytes, media);
        }
        if (essence.equals(MediaType.BATCH)) {
            return StructuredMode.batch(bytes, media);
        }
        if (essence.startsWith("application/cloudevents")) {
            throw new ValidationError("header: Content-Type", "Content-Type " + essence + " is not supported;"
                    + " Eventbus reads the JSON event format: " + MediaType.STRUCTURED + " (one event), "
                    + MediaType.BATCH + " (a batch), or binary mode with ce-* headers");
        }
        return BinaryMode.read(allHeaders, type, media, bytes);
    }
}
