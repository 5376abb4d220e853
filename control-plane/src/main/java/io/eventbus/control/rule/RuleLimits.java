package io.eventbus.control.rule;

import io.eventbus.core.pattern.PatternLimits;
import io.eventbus.core.setting.Require;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Guard limits of rules ({@code eventbus.rules.*}, e.g. {@code EVENTBUS_RULES_MAX_RULES_PER_BUS}). The
 * defaults are generous next to EventBridge's (300 rules per bus, 5 targets per rule) because nothing here
 * is billed per rule; they exist so that one client cannot make matching slow for everyone.
 *
 * @param maxPatternLength     characters of an event pattern (default 4,096)
 * @param maxRulesPerBus       rules on one bus (default 10,000)
 * @param maxTargetsPerRule    targets of one rule (default 100)
 * @param maxPatternComplexity event-ruler's wildcard complexity of one pattern (default 10; AWS refuses more)
 */
@Context
@ConfigurationProperties(RuleLimits.PREFIX)
public record RuleLimits(
        @Bindable(defaultValue = "4096") int maxPatternLength,
        @Bindable(defaultValue = "10000") int maxRulesPerBus,
        @Bindable(defaultValue = "100") int maxTargetsPerRule,
        @Bindable(defaultValue = "10") int maxPatternComplexity) {

    public static final String PREFIX = "eventbus.rules";

    public RuleLimits {
        Require.between(PREFIX + ".max-pattern-length", maxPatternLength, 1, 1_000_000);
        Require.between(PREFIX + ".max-rules-per-bus", maxRulesPerBus, 1, 1_000_000);
        Require.between(PREFIX + ".max-targets-per-rule", maxTargetsPerRule, 1, 10_000);
        Require.between(PREFIX + ".max-pattern-complexity", maxPatternComplexity, 1, 10_000);
    }

    public PatternLimits patternLimits() {
        return new PatternLimits(maxPatternLength, maxPatternComplexity);
    }
}
