package io.eventbus.control.queue;

import io.swagger.v3.oas.annotations.media.Schema;

/** Request and response bodies of {@code /v1/queues}. */
final class QueueRequests {

    private QueueRequests() {
    }

    /** {@code POST /v1/queues}. Limits as SQS: visibility timeout 0-43,200 s, retention 60-1,209,600 s. */
    record CreateQueueRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "[A-Za-z0-9._-]{1,64}") String name,
            String description,
            @Schema(defaultValue = "30", minimum = "0", maximum = "43200") Integer visibilityTimeoutSeconds,
            @Schema(defaultValue = "345600", minimum = "60", maximum = "1209600") Integer messageRetentionSeconds) {
    }

    /** {@code PUT /v1/queues/{queue}}: the settings it gets (absent: the defaults, as at creation). */
    record UpdateQueueRequest(
            String description,
            @Schema(defaultValue = "30", minimum = "0", maximum = "43200") Integer visibilityTimeoutSeconds,
            @Schema(defaultValue = "345600", minimum = "60", maximum = "1209600") Integer messageRetentionSeconds) {
    }
}
