package io.eventbus.control.delivery;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * {@code POST /v1/deliveries:retry}: which deliveries to retry, how fast, or only how many there are. The times are
 * read by the controller, so that an unreadable one is refused naming its field.
 */
record BulkRetryRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "[A-Za-z0-9._-]{1,64}") String bus,
        @Schema(nullable = true, description = "Only this rule's deliveries") String rule,
        @Schema(nullable = true, description = "Only deliveries to targets with this id") String target,
        @Schema(nullable = true, description = "RETRYABLE and/or DEAD_LETTERED; absent: both") List<String> states,
        @Schema(nullable = true, type = "string", format = "date-time",
                description = "Only events accepted at or after this time") String from,
        @Schema(nullable = true, type = "string", format = "date-time",
                description = "Only events accepted before this time") String to,
        @Schema(nullable = true, minimum = "1", maximum = "1000", description = "Deliveries made due per second"
                + " (their next attempts are spread out), so the receiver is not flooded; absent: 20")
        Integer ratePerSecond,
        @Schema(nullable = true, minimum = "1", maximum = "10000", description = "At most this many, oldest events"
                + " first; absent: 10,000. The answer says how many more match") Integer limit,
        @Schema(nullable = true, description = "true: only count what matches; nothing changes") Boolean dryRun) {
}
