/**
 * Stage 2 of the event path: matching events against the compiled rules of their bus, kept current through
 * the control plane's change notifications. Persisting the outcome is {@code outbox}'s.
 */
package io.eventbus.data.match;
