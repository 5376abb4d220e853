/**
 * Housekeeping of the event path's storage: event partitions ahead and behind (retention), expired
 * idempotency keys. Runs in data-plane processes, one at a time.
 */
package io.eventbus.data.maintenance;
