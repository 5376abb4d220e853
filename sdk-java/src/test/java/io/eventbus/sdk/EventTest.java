package io.eventbus.sdk;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTest {

    record Order(String orderId, int total) {
    }

    @Test
    void writesTheEntryTheServerReadsWithTheDetailAsAnObject() {
        Event event = Event.builder().source("shop.orders").detailType("Order Placed").detail(new Order("o-1", 120))
                .resource("urn:order:o-1").time(Instant.parse("2026-12-06T10:00:00Z")).idempotencyKey("k-1").build();

        assertThat(Json.write(event)).isEqualTo("{\"source\":\"shop.orders\",\"detailType\":\"Order Placed\","
                + "\"detail\":{\"orderId\":\"o-1\",\"total\":120},\"resources\":[\"urn:order:o-1\"],"
                + "\"time\":\"2026-12-06T10:00:00Z\",\"idempotencyKey\":\"k-1\"}");
    }

    @Test
    void leavesOutWhatIsNotSet() {
        Event event = Event.builder().source("s").detailType("t").detail(Map.of()).build();

        assertThat(Json.write(event)).isEqualTo("{\"source\":\"s\",\"detailType\":\"t\",\"detail\":{}}");
    }

    @Test
    void refusesADetailThatIsNotAJsonObject() {
        assertThatThrownBy(() -> Event.builder().detail("[1, 2]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JSON object");
        assertThatThrownBy(() -> Event.builder().detail("{not json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> Event.builder().detail(List.of(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesTheMissingField() {
        assertThatThrownBy(() -> Event.builder().source("s").detail("{}").build())
                .isInstanceOf(NullPointerException.class).hasMessage("detailType");
    }
}
