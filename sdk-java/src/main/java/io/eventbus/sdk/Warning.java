package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Something about a saved rule that did not stop it from being saved but that deliveries will run into, e.g. code
 * {@code EGRESS_BLOCKED} at {@code targets[0].webhook.url}: a webhook at an address this installation's
 * deliveries refuse. Immutable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Warning(String code, String location, String message) {
}
