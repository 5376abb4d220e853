package io.eventbus.sdk;

/** What a webhook delivery's body is. */
public enum WebhookFormat {
    /** The EventBridge event (or the target's shaped input) as JSON; the default. */
    EVENTBRIDGE,
    /** CloudEvents 1.0 in HTTP binary mode: {@code ce-*} headers, the data as the body. */
    CLOUDEVENTS_BINARY
}
