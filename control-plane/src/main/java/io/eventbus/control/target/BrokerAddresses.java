package io.eventbus.control.target;

import io.eventbus.core.problem.ValidationError;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks of the addresses and names broker targets are configured with; each error names its location. */
final class BrokerAddresses {

    static final int MAX_LENGTH = 2048;
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.-]+:(\\d{1,5})|\\[[0-9a-fA-F:]+]:(\\d{1,5})");

    private BrokerAddresses() {
    }

    /** A required text of at most {@code max} characters (empty allowed when {@code mayBeEmpty}). */
    static String text(String value, String location, int max, boolean mayBeEmpty) {
        if (value == null || (!mayBeEmpty && value.isBlank())) {
            throw new ValidationError(location, location + " is required");
        }
        if (value.length() > max) {
            throw new ValidationError(location, location + " is longer than " + max + " characters");
        }
        return value;
    }

    /** One URI with a host, of one of {@code schemes}, without credentials (those come from a connection). */
    static URI uri(String value, String location, Set<String> schemes) {
        text(value, location, MAX_LENGTH, false);
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!schemes.contains(scheme) || uri.getHost() == null) {
                throw new ValidationError(location, location + " must be a " + String.join(" or ", schemes.stream()
                        .sorted().map(s -> s + "://").toList()) + " URI with a host, not '" + value + "'");
            }
            if (uri.getUserInfo() != null) {
                throw new ValidationError(location, location + " must not carry credentials; use a BASIC connection");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ValidationError(location, location + " is not a URI: " + e.getMessage());
        }
    }

    /** A comma-separated list of URIs, each as {@link #uri} wants it. */
    static String uris(String value, String location, Set<String> schemes) {
        text(value, location, MAX_LENGTH, false);
        for (String one : value.split(",")) {
            uri(one.trim(), location, schemes);
        }
        return value;
    }

    /** A comma-separated list of {@code host:port}. */
    static String hostPorts(String value, String location) {
        text(value, location, MAX_LENGTH, false);
        for (String one : value.split(",")) {
            var m = HOST_PORT.matcher(one.trim());
            int port = m.matches() ? Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2)) : 0;
            if (port < 1 || port > 65535) {
                throw new ValidationError(location, location + " must be host:port pairs separated by commas, not '"
                        + one.trim() + "'");
            }
        }
        return value;
    }

    /** A name of the broker's: at most {@code max} characters of {@code allowed}, which {@code what} says in words. */
    static String name(String value, String location, Pattern allowed, String what) {
        if (value == null) {
            throw new ValidationError(location, location + " is required");
        }
        if (!allowed.matcher(value).matches()) {
            throw new ValidationError(location, location + " must be " + what + ", not '" + value + "'");
        }
        return value;
    }
}
