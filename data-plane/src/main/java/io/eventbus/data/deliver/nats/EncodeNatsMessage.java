package io.eventbus.data.deliver.nats;

import io.eventbus.data.deliver.Attempt;
import io.eventbus.data.deliver.BrokerMessage;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.nats.client.support.NatsJetStreamConstants;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The NATS message of an attempt: the body the target gets, the headers every broker message carries
 * ({@link BrokerMessage#headers}) and {@code Nats-Msg-Id} = the delivery id, the same on every attempt, so JetStream
 * drops the duplicate of a retry within the stream's duplicate window. Pure.
 *
 * <p>NATS header values are US-ASCII without CR or LF (jnats refuses anything else), while an event's source and
 * detail type may be any text. Such a value is sent as one RFC 2047 encoded word, {@code =?UTF-8?B?<base64>?=},
 * which mail libraries decode (e.g. Jakarta Mail's {@code MimeUtility.decodeText}); any other value as it is.
 */
final class EncodeNatsMessage {

    static final String MESSAGE_ID = NatsJetStreamConstants.MSG_ID_HDR;

    private EncodeNatsMessage() {
    }

    /** @throws IllegalArgumentException when the stored event is not JSON */
    static Message of(Attempt attempt, String subject) {
        BrokerMessage message = BrokerMessage.of(attempt);
        Headers headers = new Headers();
        message.headers().forEach((name, value) -> headers.put(name, headerValue(value)));
        headers.put(MESSAGE_ID, attempt.deliveryId());
        return NatsMessage.builder().subject(subject).headers(headers).data(message.body()).build();
    }

    /** {@code value} as a NATS header may carry it. */
    static String headerValue(String value) {
        if (value == null || value.chars().allMatch(c -> c < 128 && c != '\r' && c != '\n')) {
            return value;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "?=";
    }
}
