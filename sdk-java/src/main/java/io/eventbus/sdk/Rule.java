package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A rule as the admin API shows it: its event pattern, state and targets (secrets left out, except one generated
 * by the put that answered it). Immutable.
 *
 * @param eventPattern the pattern as JSON text
 * @param warnings     what deliveries will run into with the rule as it is (e.g. {@code EGRESS_BLOCKED}), checked
 *                     when it was put or read; empty in {@link Rules#list()}, which does not check
 * @param etag         its version, for a conditional put or delete; null in {@link Rules#list()}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Rule(String name, String bus, String description,
                   @JsonDeserialize(using = RawJson.class) String eventPattern, RuleState state, List<Target> targets,
                   Instant createdAt, Instant updatedAt, List<Warning> warnings, String etag) {

    public Rule {
        targets = targets == null ? List.of() : List.copyOf(targets);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Target {@code id}. */
    public Target target(String id) {
        return targets.stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("rule '" + name + "' has no target '" + id + "'"));
    }

    /** This rule as a request that puts it back as it is (its targets keep their secrets). */
    public RuleRequest toRequest() {
        return new RuleRequest(description, EventPattern.of(eventPattern), state, targets);
    }

    Rule withEtag(String value) {
        return new Rule(name, bus, description, eventPattern, state, targets, createdAt, updatedAt, warnings, value);
    }
}
