/**
 * Stage 1 of the event path: producers' HTTP ingestion (native and CloudEvents), per-entry validation, the
 * EventBridge envelope, and {@link io.eventbus.data.ingest.AcceptEvents}, which hands accepted events on to
 * matching and the outbox. Its routes are {@link io.eventbus.core.auth.ProducerApi}; {@code io.eventbus.data.auth}
 * checks their API keys.
 */
package io.eventbus.data.ingest;
