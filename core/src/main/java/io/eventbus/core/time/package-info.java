/**
 * Time: the injected {@link java.time.Clock} ({@link io.eventbus.core.time.ClockFactory}), so that no class reads the
 * system clock itself.
 */
package io.eventbus.core.time;
