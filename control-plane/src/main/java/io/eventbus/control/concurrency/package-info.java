/** Optimistic concurrency of control-plane writes: ETags from version columns and If-Match checks. */
package io.eventbus.control.concurrency;
