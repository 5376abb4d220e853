/**
 * The event explorer: a bus's latest events, and what happened to one event (its matches, deliveries and their
 * attempts). Read-only.
 */
package io.eventbus.control.explorer;
