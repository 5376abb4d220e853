package io.eventbus.data.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * An archived envelope as a replay sends it: the same text with a top-level {@code "replay-name"} field added last
 * (as EventBridge marks replayed events, so a rule can tell them apart), and the source and detail type the event is
 * stored under. Pure functions; thread-safe.
 */
final class ReplayedEnvelope {

    private static final JsonFactory JSON = new JsonFactory();

    /** The replayed event's envelope, source and detail type. */
    record Replayed(String envelope, String source, String detailType) {
    }

    private ReplayedEnvelope() {
    }

    /**
     * @param archived an envelope as ingest wrote it (a JSON object)
     * @param replay   a replay name ({@code [A-Za-z0-9._-]}: nothing to escape)
     * @throws IllegalArgumentException when {@code archived} is not an envelope
     */
    static Replayed of(String archived, String replay) {
        int end = archived.lastIndexOf('}');
        if (end < 0) {
            throw new IllegalArgumentException("an archived envelope is not a JSON object");
        }
        String envelope = archived.substring(0, end) + ",\"replay-name\":\"" + replay + "\"}";
        String source = null;
        String detailType = null;
        try (JsonParser p = JSON.createParser(archived)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("an archived envelope is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME && (source == null || detailType == null)) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("source".equals(field) && value == JsonToken.VALUE_STRING) {
                    source = p.getText();
                } else if ("detail-type".equals(field) && value == JsonToken.VALUE_STRING) {
                    detailType = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("an archived envelope is not JSON: " + e.getMessage(), e);
        }
        if (source == null || detailType == null) {
            throw new IllegalArgumentException("an archived envelope has no source or detail-type");
        }
        return new Replayed(envelope, source, detailType);
    }
}
