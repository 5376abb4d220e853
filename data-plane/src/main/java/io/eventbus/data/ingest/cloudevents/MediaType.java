package io.eventbus.data.ingest.cloudevents;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

import io.eventbus.core.problem.ValidationError;

/**
 * A {@code Content-Type} value reduced to what reading needs: its essence ({@code type/subtype}, lower case) and
 * its {@code charset} parameter. Immutable and thread-safe.
 *
 * @param essence {@code type/subtype} in lower case, e.g. {@code application/cloudevents+json}
 * @param charset the {@code charset} parameter as sent, or {@code null}
 */
record MediaType(String essence, String charset) {

    static final String STRUCTURED = "application/cloudevents+json";
    static final String BATCH = "application/cloudevents-batch+json";

    /** The media type of a {@code Content-Type} value, or {@code null} when there is none. */
    static MediaType parse(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        String[] parts = contentType.split(";");
        String charset = null;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int eq = parameter.indexOf('=');
            if (eq > 0 && parameter.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                charset = unquote(parameter.substring(eq + 1).trim());
            }
        }
        return new MediaType(parts[0].trim().toLowerCase(Locale.ROOT), charset);
    }

    /** {@code application/json}, {@code text/json} or any {@code +json} type: data of this type is JSON. */
    boolean isJson() {
        return essence.equals("application/json") || essence.equals("text/json") || essence.endsWith("+json");
    }

    /** The charset to decode text with, or {@code null} to let the JSON reader detect UTF-8, -16 or -32. */
    Charset decodingCharset() {
        if (charset == null) {
            return null;
        }
        try {
            return Charset.forName(charset);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ValidationError("header: Content-Type", "charset '" + charset + "' is not supported; send"
                    + " JSON in UTF-8 (charset=utf-8, or no charset)");
        }
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
