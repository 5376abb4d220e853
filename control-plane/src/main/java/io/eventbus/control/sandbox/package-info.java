/** The test-event-pattern sandbox: try a pattern against an event without creating anything. */
package io.eventbus.control.sandbox;
