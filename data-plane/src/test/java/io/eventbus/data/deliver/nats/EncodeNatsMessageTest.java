package io.eventbus.data.deliver.nats;

import io.eventbus.data.deliver.Attempt;
import io.nats.client.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class EncodeNatsMessageTest {

    @Test
    void carriesTheBodyTheBrokerHeadersAndTheDeliveryIdAsMessageId() {
        Attempt attempt = new Attempt("01a2-delivery", 3, "01a2-event", "orders", "to-nats",
                "{\"source\": \"shop\", \"detail-type\": \"Order Placed\", \"detail\": {}}", "{\"total\": 12}", true,
                null, null);

        Message message = EncodeNatsMessage.of(attempt, "orders.placed");

        assertThat(message.getSubject()).isEqualTo("orders.placed");
        assertThat(new String(message.getData(), StandardCharsets.UTF_8)).isEqualTo("{\"total\": 12}");
        assertThat(message.getHeaders().keySet()).containsExactlyInAnyOrder("Nats-Msg-Id", "eventbus-delivery-id",
                "eventbus-event-id", "eventbus-bus", "eventbus-rule", "eventbus-source", "eventbus-detail-type");
        assertThat(message.getHeaders().getFirst("Nats-Msg-Id")).isEqualTo("01a2-delivery");
        assertThat(message.getHeaders().getFirst("eventbus-rule")).isEqualTo("to-nats");
        assertThat(message.getHeaders().getFirst("eventbus-detail-type")).isEqualTo("Order Placed");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Order Placed        | Order Placed",
            "a=?b?=c ~!          | a=?b?=c ~!",
            "Bestellung geändert | =?UTF-8?B?QmVzdGVsbHVuZyBnZcOkbmRlcnQ=?=",
    })
    void sendsAsciiAsItIsAndAnythingElseAsAnEncodedWord(String value, String header) {
        assertThat(EncodeNatsMessage.headerValue(value)).isEqualTo(header);
    }

    @Test
    void aLineBreakIsEncodedToo() {
        assertThat(EncodeNatsMessage.headerValue("two\r\nlines")).isEqualTo("=?UTF-8?B?"
                + Base64.getEncoder().encodeToString("two\r\nlines".getBytes(StandardCharsets.UTF_8)) + "?=");
    }
}
