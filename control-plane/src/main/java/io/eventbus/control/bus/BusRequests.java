package io.eventbus.control.bus;

import io.swagger.v3.oas.annotations.media.Schema;

/** Request bodies of {@code /v1/buses}. */
final class BusRequests {

    private BusRequests() {
    }

    /** {@code POST /v1/buses}. */
    record CreateBusRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "[A-Za-z0-9._-]{1,64}") String name,
            String description,
            BusSettings settings) {
    }

    /** {@code PUT /v1/buses/{bus}}: replaces description and settings (absent ones take their defaults). */
    record UpdateBusRequest(String description, BusSettings settings) {
    }
}
