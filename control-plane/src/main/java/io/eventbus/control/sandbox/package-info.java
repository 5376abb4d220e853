/**
 * Sandboxes: try a pattern against an event (test-event-pattern), or see what a target's input shaping makes of
 * an event (test-input-transformation), without creating anything. Pure computation; nothing is stored.
 */
package io.eventbus.control.sandbox;
