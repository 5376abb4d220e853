package io.eventbus.control.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a delivery sends its target, as its target's settings make it now: for a webhook the method, URL, headers and
 * body; for a queue the queue and the message body; for other kinds where it goes and the body. Made by the code that sends it (core's {@code WebhookRequest} and
 * {@code ShapeInput}), from the stored event; secrets are masked.
 *
 * @param timestamp              the {@code webhook-timestamp} shown: the last attempt's, or now before the first
 * @param settingsChangedSince   the rule or its targets were saved after the last attempt, which may then have sent
 *                               something else
 * @param body                   the body as text; absent when it is not UTF-8 ({@code bodyBase64} then)
 * @param error                  why nothing can be sent: the input transformation fails on this event
 * @param destination            where a target of another kind (a bus, a broker) puts the body, in words
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryRequest(UUID deliveryId, String bus, String rule, String target,
                              @Schema(type = "string", allowableValues = {"webhook", "queue", "bus", "rabbitmq", "kafka", "nats"}) String type,
                              String method, String url, String queue, List<Header> headers, String contentType,
                              String body, String bodyBase64, Long timestamp, Instant lastAttemptAt,
                              boolean settingsChangedSince, String error, String destination) {

    /**
     * One header. A masked one ({@code secret}) shows what its value is made of, never the value.
     *
     * @param note where the value comes from, for a masked or computed header
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Header(String name, String value, boolean secret, String note) {
    }
}
