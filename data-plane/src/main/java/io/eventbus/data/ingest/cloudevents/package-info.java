/**
 * Reading CloudEvents 1.0 HTTP requests (binary, structured and batch modes of the HTTP protocol binding, JSON
 * event format) into the native {@link io.eventbus.data.ingest.Entry} model. The entry point is
 * {@link io.eventbus.data.ingest.cloudevents.ReadCloudEvents}; the mapping is documented in
 * {@code docs/cloudevents.md}.
 *
 * <p>Belongs here: content-type and header handling, CloudEvents validation, the mapping of context attributes and
 * data to {@code source}, {@code detailType}, {@code detail}, {@code resources}, {@code time} and the idempotency
 * key. Does not belong here: the HTTP controller, authentication, storing or matching entries, and limits that
 * apply to every entry whatever protocol it came by (those live with the native ingest path).
 */
package io.eventbus.data.ingest.cloudevents;
