package io.eventbus.data.ingest.cloudevents;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.eventbus.core.problem.ValidationError;

/**
 * Reads HTTP headers by name, whatever the case, and the {@code ce-*} headers of binary mode as context attributes:
 * the attribute name is the header name without {@code ce-} in lower case, the value is percent-decoded (HTTP
 * binding 3.1.3.2). A value that is not a valid percent-encoding of UTF-8 (a bare {@code %}, non-ASCII text) is kept
 * as sent. Stateless and thread-safe.
 */
final class CeHeaders {

    private static final String PREFIX = "ce-";

    private CeHeaders() {
    }

    /** The first value of header {@code name} (any case), or {@code null}. */
    static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (name.equalsIgnoreCase(header.getKey()) && header.getValue() != null && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }

    /**
     * The {@code ce-*} headers as attribute name to decoded value, sorted by name.
     *
     * @throws ValidationError when one attribute is sent twice with different values
     */
    static Map<String, String> attributes(Map<String, List<String>> headers) {
        Map<String, String> attributes = new TreeMap<>();
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey() == null ? "" : header.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith(PREFIX) || name.length() == PREFIX.length() || header.getValue() == null) {
                continue;
            }
            String attribute = name.substring(PREFIX.length());
            for (String value : header.getValue()) {
                String decoded = percentDecode(value == null ? "" : value);
                String before = attributes.putIfAbsent(attribute, decoded);
                if (before != null && !before.equals(decoded)) {
                    throw new ValidationError("header: " + name, "header " + name
                            + " is sent twice with different values; send it once");
                }
            }
        }
        return attributes;
    }

    static String percentDecode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0x7e) {
                return value;
            }
            if (c == '%') {
                if (i + 2 >= value.length() || Character.digit(value.charAt(i + 1), 16) < 0
                        || Character.digit(value.charAt(i + 2), 16) < 0) {
                    return value;
                }
                bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return value;
        }
    }
}
