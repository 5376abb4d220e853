package io.eventbus.data.ingest.cloudevents;

import io.cloudevents.CloudEvent;

/**
 * One CloudEvent as read from a request, valid by the CloudEvents 1.0 specification.
 *
 * <p>Immutable by convention; confined to the thread reading one request.
 *
 * @param context the context attributes as the CloudEvents SDK parsed them; its own data is not used
 * @param data    the event's data as Eventbus read it (the SDK's handling of JSON content types is narrower)
 */
record Event(CloudEvent context, EventData data) {
}
