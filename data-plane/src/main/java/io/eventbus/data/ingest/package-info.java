/**
 * Stage 1 of the event path: producers' HTTP ingestion (native and CloudEvents), API key checks, per-entry
 * validation, the EventBridge envelope, and {@link io.eventbus.data.ingest.AcceptEvents}, which hands accepted
 * events on to matching and the outbox. Its routes are {@link io.eventbus.core.auth.ProducerApi}.
 */
package io.eventbus.data.ingest;
