package io.eventbus.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * One page of a bus's rules, by name; pass {@link #nextToken()} to {@link Rules#list(String, int)} for the next,
 * until it is null. Immutable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RulePage(List<Rule> rules, String nextToken) {

    public RulePage {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }
}
