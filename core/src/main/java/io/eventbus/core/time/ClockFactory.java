package io.eventbus.core.time;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The one {@link Clock} every bean reads the time from: the system's, in UTC. A test replaces it (a
 * {@code @Replaces} bean, or a constructor argument) to move time without waiting.
 */
@Factory
class ClockFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
