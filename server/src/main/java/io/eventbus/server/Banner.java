package io.eventbus.server;

import io.eventbus.core.auth.AdminToken;
import io.eventbus.core.egress.EgressPolicy;
import io.eventbus.core.role.Role;
import io.eventbus.core.secret.Secrets;
import io.eventbus.core.setting.EnvironmentVariable;
import io.micronaut.context.ApplicationContext;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;

/**
 * The start-up banner: where Eventbus listens, which roles run, where the data is, where the admin token and
 * the secret key are, whether webhooks may reach private networks. A generated admin token is shown here once,
 * on the start that generated it.
 */
final class Banner {

    private Banner() {
    }

    record Facts(String url, Set<Role> roles, String database, ApplicationContext context, long startNanos) {
    }

    static void print(PrintStream out, Facts facts) {
        StringBuilder b = new StringBuilder()
                .append('\n')
                .append("Eventbus ").append(version()).append(" is up on ").append(facts.url()).append('\n')
                .append("  roles:        ").append(Role.format(facts.roles())).append('\n')
                .append("  database:     ").append(facts.database()).append('\n');
        facts.context().findBean(AdminToken.class).ifPresent(token -> {
            b.append("  admin token:  ").append(token.origin()).append('\n');
            token.takeNewlyGenerated().ifPresent(secret -> b
                    .append("                generated now, shown only this once: ").append(secret).append('\n'));
        });
        facts.context().findBean(Secrets.class).ifPresent(secrets -> b
                .append("  secret key:   ").append(secrets.origin()).append('\n'));
        facts.context().findBean(EgressPolicy.class).ifPresent(policy -> b
                .append("  webhooks:     ").append(webhooks(policy)).append('\n'));
        b.append("  health:       ").append(facts.url()).append("/health").append('\n')
                .append("  metrics:      ").append(facts.url()).append("/metrics").append('\n')
                .append("  started in ").append(String.format(Locale.ROOT, "%.1f s", facts.startNanos() / 1e9))
                .append('\n');
        out.print(b);
        out.flush();
    }

    private static String webhooks(EgressPolicy policy) {
        return policy.allowsPrivateNetworks() ? "private networks allowed"
                : "public addresses only (" + EnvironmentVariable.of(EgressPolicy.ALLOW_PRIVATE_NETWORKS)
                + "=true allows private networks)";
    }

    private static String version() {
        String version = Banner.class.getPackage().getImplementationVersion();
        return version != null ? version : "(development build)";
    }
}
