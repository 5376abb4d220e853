package io.eventbus.core.target;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The CloudEvents binary-mode message of a delivery: attributes as ce-* headers, the data as body. */
class CloudEventsBinaryTest {

    private static final String NATIVE = """
            {"version":"0","id":"019ac1c2-0000-7000-8000-000000000001","detail-type":"Order Placed","source":"shop.orders",\
            "account":"000000000000","time":"2026-11-26T10:00:00Z","region":"local","resources":["order/42"],\
            "detail":{"total":120.50,"currency":"EUR"}}""";

    @Test
    void aNativeEventMapsItsEnvelopeToAttributesAndItsDetailToTheBody() {
        CloudEventsBinary.Message m = CloudEventsBinary.of(NATIVE, null);
        assertThat(m.headers()).containsEntry("ce-specversion", "1.0")
                .containsEntry("ce-id", "019ac1c2-0000-7000-8000-000000000001").containsEntry("ce-source", "shop.orders")
                .containsEntry("ce-type", "Order%20Placed").containsEntry("ce-time", "2026-11-26T10:00:00Z")
                .containsEntry("ce-subject", "order/42");
        assertThat(new String(m.body(), StandardCharsets.UTF_8)).as("numbers keep their spelling")
                .isEqualTo("{\"total\":120.50,\"currency\":\"EUR\"}");
        assertThat(m.contentType()).isEqualTo("application/json");
    }

    @Test
    void anEventThatCameInAsACloudEventGoesOutWithItsOwnAttributesAndData() {
        String envelope = """
                {"version":"0","id":"019ac1c2-0000-7000-8000-000000000002","detail-type":"com.example.paid","source":"/shop",\
                "account":"0","time":"2026-11-26T10:00:00Z","region":"local","resources":[],"detail":{"data":[1,2],\
                "cloudevents":{"specversion":"1.0","id":"A-1","source":"/shop","type":"com.example.paid",\
                "datacontenttype":"application/json","traceparent":"00-abc-def-01","subject":"café"}}}""";
        CloudEventsBinary.Message m = CloudEventsBinary.of(envelope, null);
        assertThat(m.headers()).containsEntry("ce-id", "A-1").containsEntry("ce-traceparent", "00-abc-def-01")
                .containsEntry("ce-subject", "caf%C3%A9").doesNotContainKey("ce-datacontenttype");
        assertThat(new String(m.body(), StandardCharsets.UTF_8)).isEqualTo("[1,2]");
    }

    @Test
    void binaryDataComesOutAsItsBytesWithItsType() {
        String envelope = """
                {"version":"0","id":"x","detail-type":"t","source":"s","account":"0","time":"2026-11-26T10:00:00Z",\
                "region":"r","resources":[],"detail":{"data_base64":"AAEC","datacontenttype":"application/octet-stream",\
                "cloudevents":{"specversion":"1.0","id":"b","source":"s","type":"t","datacontenttype":"application/octet-stream"}}}""";
        CloudEventsBinary.Message m = CloudEventsBinary.of(envelope, null);
        assertThat(m.body()).containsExactly(0, 1, 2);
        assertThat(m.contentType()).isEqualTo("application/octet-stream");
    }

    @Test
    void shapedInputIsTheBodyAndTheAttributesStayTheEvents() {
        CloudEventsBinary.Message m = CloudEventsBinary.of(NATIVE, "{\"t\": 120.50}");
        assertThat(new String(m.body(), StandardCharsets.UTF_8)).isEqualTo("{\"t\": 120.50}");
        assertThat(m.headers()).containsEntry("ce-type", "Order%20Placed");
    }
}
