package io.eventbus.core.installation;

import io.eventbus.core.setting.Require;
import io.eventbus.core.transform.Context;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.regex.Pattern;

/**
 * Who this installation is to the events it carries and the ARNs it shows: EventBridge's {@code account} and
 * {@code region}, set once ({@code EVENTBUS_INGEST_ACCOUNT}, {@code EVENTBUS_INGEST_REGION}; the names predate
 * this record and stay, so existing settings keep working). Every event envelope and every ARN (a rule's in input
 * shaping) reads them here. Checked at start-up.
 *
 * @param account 12 digits, as an AWS account id (default {@code 000000000000})
 * @param region  lower-case letters, digits and dashes (default {@code local})
 */
@io.micronaut.context.annotation.Context
@ConfigurationProperties(Installation.PREFIX)
public record Installation(
        @Bindable(defaultValue = "000000000000") String account,
        @Bindable(defaultValue = "local") String region) {

    public static final String PREFIX = "eventbus.ingest";
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public Installation {
        Require.matches(PREFIX + ".account", account, ACCOUNT, "12 digits");
        Require.matches(PREFIX + ".region", region, REGION, "lower-case letters and digits, with single dashes"
                + " between them (e.g. eu-west-1)");
    }

    /** EventBridge's ARN of a rule of this installation. */
    public String ruleArn(String bus, String rule) {
        return Context.ruleArn(region, account, bus, rule);
    }
}
