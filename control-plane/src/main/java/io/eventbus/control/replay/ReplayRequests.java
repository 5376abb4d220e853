package io.eventbus.control.replay;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** The bodies of {@code /v1/replays}. */
final class ReplayRequests {

    private ReplayRequests() {
    }

    /**
     * {@code POST /v1/replays}. The times are read by the controller, so that an unreadable one is refused naming
     * its field.
     */
    record CreateReplay(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "[A-Za-z0-9._-]{1,64}") String name,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "[A-Za-z0-9._-]{1,64}") String archive,
            String description,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, type = "string", format = "date-time",
                    description = "The window's start, by event time, inclusive") String eventStartTime,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, type = "string", format = "date-time",
                    description = "The window's end, by event time, exclusive") String eventEndTime,
            @Schema(nullable = true, description = "Rules of the archive's bus to replay into; absent or null: every"
                    + " rule") List<String> rules,
            @Schema(nullable = true, minimum = "1", maximum = "1000000", description = "Archived events per second at"
                    + " most; absent: the data plane's default (EVENTBUS_REPLAY_DEFAULT_RATE_LIMIT, 1,500 unless set)") Integer rateLimitPerSecond) {
    }
}
