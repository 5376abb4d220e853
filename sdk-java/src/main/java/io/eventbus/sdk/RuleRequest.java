package io.eventbus.sdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A whole rule as {@link Rules#put} writes it: it replaces what was there. Build one with {@link #builder()}, or
 * start from a rule read back with {@link Rule#toRequest()}. Immutable.
 *
 * @param description null: none
 * @param state       null: {@link RuleState#ENABLED}
 */
public record RuleRequest(String description, EventPattern eventPattern, RuleState state, List<Target> targets) {

    public RuleRequest {
        Objects.requireNonNull(eventPattern, "eventPattern");
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The request body; the pattern goes as a string holding it, so the server reads it exactly as written. */
    Map<String, Object> body() {
        return AdminHttp.body("description", description, "eventPattern", eventPattern.json(), "state", state,
                "targets", targets.stream().map(Target::forRequest).toList());
    }

    /** Builds a {@link RuleRequest}; the event pattern is required. Not thread-safe. */
    public static final class Builder {

        private String description;
        private EventPattern eventPattern;
        private RuleState state;
        private final List<Target> targets = new ArrayList<>();

        private Builder() {
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder eventPattern(EventPattern eventPattern) {
            this.eventPattern = eventPattern;
            return this;
        }

        /** The event pattern as JSON text. */
        public Builder eventPattern(String json) {
            return eventPattern(EventPattern.of(json));
        }

        public Builder state(RuleState state) {
            this.state = state;
            return this;
        }

        /** Adds a target. */
        public Builder target(Target target) {
            this.targets.add(Objects.requireNonNull(target, "target"));
            return this;
        }

        public RuleRequest build() {
            return new RuleRequest(description, eventPattern, state, targets);
        }
    }
}
