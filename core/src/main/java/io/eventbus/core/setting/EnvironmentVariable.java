package io.eventbus.core.setting;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The name a user sets a setting by. Eventbus reads configuration properties ({@code eventbus.ingest.max-entries-per-request})
 * that users set as environment variables ({@code EVENTBUS_INGEST_MAX_ENTRIES_PER_REQUEST}); every message that tells
 * a user which setting to change names the variable, built here from the property so that the two cannot drift.
 * Pure and thread-safe.
 */
public final class EnvironmentVariable {

    private static final Pattern PROPERTY = Pattern.compile("[a-z0-9]+([.-][a-z0-9]+)*");

    private EnvironmentVariable() {
    }

    /**
     * The environment variable that sets {@code property}: upper case, with {@code .} and {@code -} as {@code _}
     * (the reverse of how Micronaut maps variables to properties).
     *
     * @param property a property name in kebab case, e.g. {@code eventbus.queue.max-long-polls}
     * @throws IllegalArgumentException when {@code property} is not such a name
     */
    public static String of(String property) {
        if (property == null || !PROPERTY.matcher(property).matches()) {
            throw new IllegalArgumentException("'" + property + "' is not a property name like eventbus.queue.max-long-polls");
        }
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
