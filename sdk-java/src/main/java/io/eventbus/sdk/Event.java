package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One event to put on a bus: where it comes from ({@link #source()}), what happened ({@link #detailType()}), and the
 * details as a JSON object ({@link #detail()}), with optional resources, time and idempotency key. Immutable; build
 * one with {@link #builder()}:
 *
 * <pre>{@code
 * Event order = Event.builder()
 *         .source("shop.orders")
 *         .detailType("Order Placed")
 *         .detail(Map.of("orderId", "o-42", "total", 120))
 *         .idempotencyKey("order-o-42")
 *         .build();
 * }</pre>
 *
 * @param source         who sent it, e.g. {@code shop.orders}
 * @param detailType     what happened, e.g. {@code Order Placed}
 * @param detail         a JSON object, as text
 * @param resources      what the event is about (ARNs, URNs, ids); empty when none
 * @param time           when it happened; null: when the server stores it
 * @param idempotencyKey the same key on the same bus within 24 h stores nothing new and answers the first event's
 *                       id; null: none
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"source", "detailType", "detail", "resources", "time", "idempotencyKey"})
public record Event(String source, String detailType, @JsonRawValue String detail, List<String> resources,
                    Instant time, String idempotencyKey) {

    public Event {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(detailType, "detailType");
        Objects.requireNonNull(detail, "detail");
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** This event with {@code key} as its idempotency key. */
    public Event withIdempotencyKey(String key) {
        return new Event(source, detailType, detail, resources, time, key);
    }

    /** Builds an {@link Event}; {@code source}, {@code detailType} and {@code detail} are required. Not thread-safe. */
    public static final class Builder {

        private String source;
        private String detailType;
        private String detail;
        private final List<String> resources = new ArrayList<>();
        private Instant time;
        private String idempotencyKey;

        private Builder() {
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder detailType(String detailType) {
            this.detailType = detailType;
            return this;
        }

        /** The detail as JSON text; it must be a JSON object. */
        public Builder detail(String json) {
            if (!Json.read("detail", json).isObject()) {
                throw new IllegalArgumentException("detail must be a JSON object, not " + json);
            }
            this.detail = json;
            return this;
        }

        /** The detail as an object that Jackson writes as a JSON object (a map, a record, a bean). */
        public Builder detail(Object detail) {
            if (detail instanceof String json) {
                return detail(json);
            }
            return detail(Json.write(detail));
        }

        public Builder resources(List<String> resources) {
            this.resources.clear();
            this.resources.addAll(resources);
            return this;
        }

        public Builder resource(String resource) {
            this.resources.add(resource);
            return this;
        }

        public Builder time(Instant time) {
            this.time = time;
            return this;
        }

        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        /** The event; a {@link NullPointerException} names the first required field that is missing. */
        public Event build() {
            return new Event(source, detailType, detail, resources, time, idempotencyKey);
        }
    }
}
