package io.eventbus.sdk;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written put body is what Jackson writes for the same events, byte for byte. */
class PutEventsBodyTest {

    @Test
    void writesWhatJacksonWrites() {
        List<Event> events = List.of(
                Event.builder().source("shop.orders").detailType("Order Placed").detail("{\"total\": 120}").build(),
                Event.builder().source("s \"quoted\" \\ é ☃ \u0001").detailType("t\nnewline")
                        .detail("{\"text\": \"ünïcödé ☃ \\\" \\n\", \"n\": [1, 2.50, {\"x\": null}]}")
                        .resource("urn:a").resource("urn:\"b\"").time(Instant.parse("2026-12-06T10:00:00.123Z"))
                        .idempotencyKey("key-é").build(),
                Event.builder().source("s").detailType("t").detail(Map.of()).idempotencyKey("").build());

        String written = new String(PutEventsBody.of(events).bytes(), StandardCharsets.UTF_8);

        assertThat(written).isEqualTo(new String(Json.writeBytes(Map.of("entries", events)), StandardCharsets.UTF_8));
    }
}
