package io.eventbus.sdk;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One CloudEvent 1.0 to put with {@link Eventbus#putCloudEvents}: its context attributes and JSON data. Eventbus
 * stores it as an event with {@code source} as source, {@code type} as detail type, {@code subject} as its one
 * resource, {@code time} as time, the data's members and the attributes ({@code detail.cloudevents}) as detail, and
 * ({@code source}, {@code id}) as idempotency key: putting the same event again stores nothing new. Immutable; build
 * one with {@link #builder()}:
 *
 * <pre>{@code
 * CloudEvent paid = CloudEvent.builder()
 *         .source("/shop/payments")
 *         .type("com.example.payment.succeeded")
 *         .subject("order/o-42")
 *         .data(Map.of("orderId", "o-42", "amount", 120))
 *         .build();   // id: a random UUID unless set
 * }</pre>
 *
 * @param id              unique per source; the builder picks a random UUID when none is set
 * @param source          a URI reference, e.g. {@code /shop/payments}
 * @param type            e.g. {@code com.example.payment.succeeded}
 * @param subject         what the event is about, within the source; or null
 * @param time            when it happened; or null
 * @param dataContentType the data's media type; null means JSON
 * @param data            the data as JSON text (an object becomes the detail's members); or null for none
 */
public record CloudEvent(String id, String source, String type, String subject, Instant time,
                         String dataContentType, String data) {

    /** The CloudEvents version of the events this SDK writes. */
    public static final String SPEC_VERSION = "1.0";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The event in the JSON event format, as one element of a batch. */
    ObjectNode toJson() {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("specversion", SPEC_VERSION);
        event.put("id", id);
        event.put("source", source);
        event.put("type", type);
        if (subject != null) {
            event.put("subject", subject);
        }
        if (time != null) {
            event.put("time", time.toString());
        }
        if (dataContentType != null) {
            event.put("datacontenttype", dataContentType);
        }
        if (data != null) {
            event.set("data", Json.read("data", data));
        }
        return event;
    }

    /** Builds a {@link CloudEvent}; {@code source} and {@code type} are required. Not thread-safe. */
    public static final class Builder {

        private String id;
        private String source;
        private String type;
        private String subject;
        private Instant time;
        private String dataContentType;
        private String data;

        private Builder() {
        }

        /** Unique per source; putting an event with the same source and id again stores nothing new. */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder time(Instant time) {
            this.time = time;
            return this;
        }

        /** The data's media type, e.g. {@code application/json} (the default when data is set). */
        public Builder dataContentType(String dataContentType) {
            this.dataContentType = dataContentType;
            return this;
        }

        /** The data as JSON text (any JSON value). */
        public Builder data(String json) {
            Json.read("data", json);
            this.data = json;
            return this;
        }

        /** The data as an object that Jackson writes as JSON (a map, a record, a bean). */
        public Builder data(Object data) {
            if (data instanceof String json) {
                return data(json);
            }
            return data(Json.write(data));
        }

        /** The event; without an id, a random UUID. */
        public CloudEvent build() {
            return new CloudEvent(id == null ? UUID.randomUUID().toString() : id, source, type, subject, time,
                    dataContentType, data);
        }
    }
}
