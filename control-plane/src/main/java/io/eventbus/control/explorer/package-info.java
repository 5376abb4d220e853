/** The event explorer: what happened to one event (its matches, deliveries and their attempts). Read-only. */
package io.eventbus.control.explorer;
