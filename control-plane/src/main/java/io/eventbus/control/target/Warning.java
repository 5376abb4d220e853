package io.eventbus.control.target;

/**
 * Something about a saved configuration that does not stop it from being saved but that the user should know,
 * e.g. a webhook that deliveries will refuse to call.
 *
 * @param code     what kind of warning, e.g. {@code EGRESS_BLOCKED} (the delivery error it announces)
 * @param location where in the request, e.g. {@code targets[0].webhook.url}
 * @param message  what will happen and what to do about it
 */
public record Warning(String code, String location, String message) {
}
