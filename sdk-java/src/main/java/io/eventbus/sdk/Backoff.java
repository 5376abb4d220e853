package io.eventbus.sdk;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the pause before attempt {@code n + 1} is between half and all of
 * {@code first * 2^n}, capped at {@code max}. A pure function of the attempt and the injected random source.
 * Immutable and thread-safe when the random source is.
 */
final class Backoff {

    private final Duration first;
    private final Duration max;
    private final DoubleSupplier random;

    Backoff(Duration first, Duration max, DoubleSupplier random) {
        this.first = first;
        this.max = max;
        this.random = random;
    }

    /** The pause after {@code failures} failures in a row (1 or more). */
    Duration pause(int failures) {
        long ceiling = first.toMillis() << Math.min(Math.max(failures - 1, 0), 20);
        long capped = Math.min(ceiling, max.toMillis());
        return Duration.ofMillis(capped / 2 + (long) (random.getAsDouble() * (capped - capped / 2)));
    }
}
