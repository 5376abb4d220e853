package io.eventbus.core.setting;

import io.eventbus.core.startup.StartupFailure;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Checks of setting values, for the compact constructors of settings records: a bad value stops the start with a
 * {@link StartupFailure} that names the environment variable to change and says what is allowed. Pure.
 */
public final class Require {

    private Require() {
    }

    /** {@code value} is from {@code min} to {@code max}. */
    public static void between(String property, long value, long min, long max) {
        if (value < min || value > max) {
            throw new StartupFailure(EnvironmentVariable.of(property) + " must be from " + min + " to " + max
                    + ", not " + value);
        }
    }

    /** {@code value} is {@code min} or more. */
    public static void atLeast(String property, long value, long min) {
        if (value < min) {
            throw new StartupFailure(EnvironmentVariable.of(property) + " must be " + min + " or more, not " + value);
        }
    }

    /** {@code value} is a duration of at least {@code min}. */
    public static void atLeast(String property, Duration value, Duration min) {
        if (value == null || value.compareTo(min) < 0) {
            throw new StartupFailure(EnvironmentVariable.of(property) + " must be at least " + text(min) + ", not "
                    + (value == null ? "empty" : text(value)));
        }
    }

    /** {@code value} is a duration from {@code min} to {@code max}. */
    public static void between(String property, Duration value, Duration min, Duration max) {
        atLeast(property, value, min);
        if (value.compareTo(max) > 0) {
            throw new StartupFailure(EnvironmentVariable.of(property) + " must be at most " + text(max) + ", not "
                    + text(value));
        }
    }

    /** {@code value} matches {@code pattern}, which {@code what} describes to a user. */
    public static void matches(String property, String value, Pattern pattern, String what) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new StartupFailure(EnvironmentVariable.of(property) + " must be " + what + ", not '" + value + "'");
        }
    }

    /** A duration as a user writes it: {@code 500ms}, {@code 30s}. */
    private static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
