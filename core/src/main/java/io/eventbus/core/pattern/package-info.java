/**
 * EventBridge event patterns: parsing and validating a pattern ({@link io.eventbus.core.pattern.EventPattern}),
 * the limits that apply to one ({@link io.eventbus.core.pattern.PatternLimits}), and matching one event against
 * one pattern ({@link io.eventbus.core.pattern.TestEventPattern}), with the errors AWS gives for a bad pattern
 * or a bad event.
 *
 * <p>The matching itself is AWS's own engine, event-ruler; this package only wraps it, finds where in a pattern a
 * problem is, and applies the limits EventBridge applies. It must keep giving the outcomes recorded against AWS in
 * the corpus that core's tests keep in {@code src/test/resources/conformance/eventbridge-patterns}.
 *
 * <p>Does not belong here: storing rules, matching an event against many rules at once (the data plane's match
 * stage builds its own machine from these patterns), HTTP mapping of the errors (the problem handler).
 */
package io.eventbus.core.pattern;
