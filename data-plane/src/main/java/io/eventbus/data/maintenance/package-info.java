/**
 * Housekeeping of the event path's storage: event partitions ahead and behind (retention), archives' daily
 * partitions ahead and their days past retention ({@code KeepArchives}), expired
 * idempotency keys, expired queue messages, the attempt log. Runs in data-plane processes, one at a time.
 */
package io.eventbus.data.maintenance;
