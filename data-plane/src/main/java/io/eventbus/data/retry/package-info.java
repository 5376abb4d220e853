/**
 * Stage 5 of the event path, the decisions: what an attempt's answer means ({@link
 * io.eventbus.data.retry.ClassifyResponse}), and whether and when to try again ({@link
 * io.eventbus.data.retry.NextAttempt}). Pure functions; sending and storing are elsewhere.
 */
package io.eventbus.data.retry;
