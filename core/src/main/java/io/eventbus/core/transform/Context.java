package io.eventbus.core.transform;

import java.time.Instant;
import java.util.Objects;

/**
 * What input shaping knows besides the event: the values of EventBridge's reserved template variables
 * {@code <aws.events.rule-name>}, {@code <aws.events.rule-arn>} and {@code <aws.events.event.ingestion-time>}.
 */
public record Context(String ruleName, String ruleArn, Instant ingestionTime) {

    public Context {
        Objects.requireNonNull(ruleName, "ruleName");
        Objects.requireNonNull(ruleArn, "ruleArn");
        Objects.requireNonNull(ingestionTime, "ingestionTime");
    }

    /** EventBridge's ARN of a rule, in an installation's region and account. */
    public static String ruleArn(String region, String account, String bus, String rule) {
        return "arn:aws:events:" + region + ":" + account + ":rule/" + bus + "/" + rule;
    }
}
